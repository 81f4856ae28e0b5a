using System.Diagnostics;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// What one inbound attempt does: parse the stored request and publish it as a platform event, within
/// the processing timeout (real time), timed and stamped on the grains' clock. The inbound counterpart
/// of the outbound <c>WebhookSender</c>: it reports the attempt and never throws.
/// </summary>
public sealed class InboundProcessor(IGrainFactory grains, InboundTypeCache types, TimeProvider grainTimeProvider, TimeProvider timeProvider, TimeSpan processingTimeout)
{
    /// <summary>Parses and publishes the message once; a failure is classified, never thrown.</summary>
    public async Task<(InboundAttempt Attempt, InboundEvent? Parsed, InboundFailure? Failure)> ProcessAsync(InboundMessageState current)
    {
        var startedAt = grainTimeProvider.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        InboundEvent? parsed = null;
        InboundFailure? failure = null;
        try
        {
            var headers = new Dictionary<string, string>(current.Headers, StringComparer.OrdinalIgnoreCase);
            parsed = InboundEventParser.Parse(current.Provider, current.SourceId, current.EventTypePrefix, headers, current.Body);
            await PublishAsync(current.Provider, current.ApplicationId, parsed).WaitAsync(processingTimeout, timeProvider);
        }
        catch (Exception ex)
        {
            failure = InboundFailure.Classify(ex);
        }

        var attempt = new InboundAttempt
        {
            Number = current.Attempts.Length + 1,
            StartedAt = startedAt,
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            ErrorCode = failure?.Code,
            ErrorMessage = failure?.Message,
            Retryable = failure?.Retryable ?? false,
        };
        return (attempt, parsed, failure);
    }

    private async Task PublishAsync(string provider, string applicationId, InboundEvent parsed)
    {
        if (!types.IsRegistered(parsed.EventType))
        {
            var providerType = parsed.ProviderType.Length <= 200 ? parsed.ProviderType : parsed.ProviderType[..200];
            await grains.GetGrain<IEventTypeRegistryGrain>(IEventTypeRegistryGrain.Key)
                .RegisterAsync(parsed.EventType, $"Inbound {provider} event '{providerType}'");
            types.Registered(parsed.EventType);
        }

        await grains.GetGrain<IEventPublisherGrain>(0).PublishAsync(new PublishRequest
        {
            Id = parsed.EventId,
            Type = parsed.EventType,
            Data = parsed.Data,
            ApplicationId = applicationId,
        });
    }
}
