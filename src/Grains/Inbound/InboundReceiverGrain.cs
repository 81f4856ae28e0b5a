using Akademia.Webhooks.Grains.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// The way in for inbound webhooks, on every silo. The order of the checks is deliberate: the
/// signature first, so that only a request the provider really sent spends the source's rate budget
/// (forged floods cannot lock the provider out); then the rate limit; then the payload; then the
/// message grain, keyed by source and dedupe key, which stores the message or recognises a duplicate.
/// Processing happens later, in that grain: nothing here waits for it.
/// </summary>
[StatelessWorker, GrainType("inbound-receiver")]
public sealed partial class InboundReceiverGrain(
    PlatformInstruments instruments,
    IOptions<InboundOptions> options,
    TimeProvider timeProvider,
    ILogger<InboundReceiverGrain> logger)
    : Grain, IInboundReceiverGrain
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    /// <summary>Credentials a sender may have sent along; the platform does not keep them.</summary>
    private static readonly HashSet<string> UnstoredHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "proxy-authorization", "cookie", "x-api-key",
    };

    public async Task<InboundReceipt> ReceiveAsync(InboundRequest request)
    {
        if (!InboundSourceIds.IsValid(request.SourceId)
            || await GrainFactory.GetGrain<IInboundSourceInternalGrain>(request.SourceId).GetConfigAsync() is not { } source)
        {
            return new InboundReceipt { Outcome = InboundOutcome.UnknownSource, Error = $"Inbound source '{request.SourceId}' not found." };
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Headers)
        {
            headers.TryAdd(name, value);
        }

        var check = Verify(source, headers, request.Body);
        if (!check.Valid)
        {
            LogInvalidSignature(logger, source.Id, check.Problem);
            return Reject(source, InboundErrorCodes.InvalidSignature, "Invalid webhook signature: " + check.Problem + ".");
        }

        var decision = await GrainFactory.GetGrain<IRateLimitGrain>("inbound|" + source.Id).TryAcquireAsync(source.RateLimitPerMinute, RateWindow);
        if (!decision.Allowed)
        {
            var retryAfter = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - timeProvider.GetUtcNow()).TotalSeconds));
            return Reject(source, InboundErrorCodes.RateLimitExceeded,
                $"Rate limit exceeded: {source.RateLimitPerMinute} per minute for this source. Retry after {retryAfter} s.") with { RetryAfterSeconds = retryAfter };
        }

        InboundEvent parsed;
        try
        {
            parsed = InboundEventParser.Parse(source.Provider, source.Id, source.EventTypePrefix, headers, request.Body);
        }
        catch (InboundPayloadException ex)
        {
            return Reject(source, InboundErrorCodes.MalformedPayload, "Malformed payload: " + ex.Message + ".");
        }

        var messageId = InboundNames.MessageId(source.Id, parsed.DedupeKey);
        var stored = await GrainFactory.GetGrain<IInboundMessageInternalGrain>(messageId).AcceptAsync(new InboundAcceptance
        {
            SourceId = source.Id,
            Provider = source.Provider,
            DedupeKey = parsed.DedupeKey,
            Body = request.Body,
            Headers = headers.Where(h => !UnstoredHeaders.Contains(h.Key)).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal),
            MaxAttempts = source.MaxAttempts,
            EventTypePrefix = source.EventTypePrefix,
            ApplicationId = source.ApplicationId,
        });

        if (stored)
        {
            instruments.InboundAccepted(source.Provider);
            LogAccepted(logger, messageId, parsed.ProviderType);
            return new InboundReceipt { Outcome = InboundOutcome.Accepted, MessageId = messageId };
        }

        instruments.InboundDuplicate(source.Provider);
        LogDuplicate(logger, messageId);
        return new InboundReceipt { Outcome = InboundOutcome.Duplicate, MessageId = messageId };
    }

    private SignatureCheck Verify(InboundSourceConfig source, Dictionary<string, string> headers, byte[] body)
    {
        var now = timeProvider.GetUtcNow();
        var tolerance = options.Value.SignatureTolerance;
        return source.Provider switch
        {
            InboundProviders.Stripe => StripeSignature.Verify(headers.GetValueOrDefault(StripeSignature.Header), body, source.Secrets, now, tolerance),
            InboundProviders.GitHub => GitHubSignature.Verify(headers.GetValueOrDefault(GitHubSignature.Header), body, source.Secrets),
            InboundProviders.Standard => StandardWebhookSignature.Verify(
                headers.GetValueOrDefault(StandardWebhookSignature.IdHeader),
                headers.GetValueOrDefault(StandardWebhookSignature.TimestampHeader),
                headers.GetValueOrDefault(StandardWebhookSignature.SignatureHeader),
                body, source.Secrets, now, tolerance),
            InboundProviders.Hmac => HmacSignature.Verify(
                source.SignatureHeader ?? HmacSignature.DefaultHeader, headers.GetValueOrDefault(source.SignatureHeader ?? HmacSignature.DefaultHeader), body, source.Secrets),
            _ => SignatureCheck.Fail($"no verifier for provider '{source.Provider}'"),
        };
    }

    private InboundReceipt Reject(InboundSourceConfig source, string code, string message)
    {
        instruments.InboundRejected(source.Provider, code);
        return new InboundReceipt { Outcome = InboundOutcome.Rejected, ErrorCode = code, Error = message };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook received: {MessageId} ({ProviderType})")]
    private static partial void LogAccepted(ILogger logger, string messageId, string providerType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate webhook detected: {MessageId}")]
    private static partial void LogDuplicate(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound request to source {SourceId} rejected: invalid signature ({Problem})")]
    private static partial void LogInvalidSignature(ILogger logger, string sourceId, string? problem);
}
