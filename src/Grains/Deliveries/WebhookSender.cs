using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Akademia.Webhooks.Grains.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// Makes one signed POST and reports it as a <see cref="DeliveryAttempt"/>. It never throws for
/// anything the receiver or the network does.
/// </summary>
public sealed partial class WebhookSender(
    IHttpClientFactory httpClientFactory,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "akademia-webhooks";

    public static readonly string UserAgent = "Akademia.Orleans/" +
        (typeof(WebhookSender).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    private readonly DeliveryOptions _options = options.Value;

    /// <summary>
    /// The attempt, and what the receiver's answer says about its capacity. <paramref name="handBack"/>
    /// aborts the request and throws <see cref="OperationCanceledException"/>: the attempt was ours to
    /// cancel and says nothing about the receiver.
    /// </summary>
    public async Task<(DeliveryAttempt Attempt, ReceiverFeedback Feedback)> SendWithFeedbackAsync(EndpointTarget target, string eventId, string messageId, string body, int number, CancellationToken handBack = default)
    {
        ReceiverFeedback? fromHeaders = null;
        var attempt = await SendCoreAsync(target, eventId, messageId, body, number, headers => fromHeaders = headers, handBack);
        var feedback = (fromHeaders ?? new ReceiverFeedback()) with
        {
            StatusCode = attempt.StatusCode,
            ErrorCode = attempt.ErrorCode,
            DurationMs = attempt.DurationMs,
            RetryAfterSeconds = attempt.RetryAfterSeconds,
        };
        return (attempt, feedback);
    }

    private async Task<DeliveryAttempt> SendCoreAsync(EndpointTarget target, string eventId, string messageId, string body, int number, Action<ReceiverFeedback> onHeaders, CancellationToken handBack)
    {
        var startedAt = timeProvider.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        using var request = BuildRequest(target, eventId, messageId, bodyBytes, startedAt);
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, timeProvider);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, handBack);

        DeliveryAttempt Attempt(int? status, string? errorCode, string? errorMessage, string? responseBody) => new()
        {
            Number = number,
            StartedAt = startedAt,
            DurationMs = stopwatch.Elapsed.TotalMilliseconds,
            StatusCode = status,
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
            ResponseBody = responseBody,
            Url = target.Url,
        };

        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            onHeaders(RateLimitHints(response, timeProvider.GetUtcNow()));
            var responseBody = await ReadBoundedAsync(response.Content, cancel.Token);
            var status = (int)response.StatusCode;
            return Attempt(status, null, status is >= 200 and < 300 ? null : $"HTTP {status}", responseBody) with
            {
                RetryAfterSeconds = status is 429 or 503 ? RetryAfterSeconds(response, timeProvider.GetUtcNow()) : null,
            };
        }
        catch (Exception ex) when (handBack.IsCancellationRequested)
        {
            // Before the timeout's case: a hand-back that races the timeout, or surfaces as an aborted
            // read, is still our cancellation, not the receiver's failure.
            throw new OperationCanceledException("The attempt was handed back: the silo is stopping.", ex, handBack);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return Attempt(null, DeliveryErrorCodes.Timeout, $"No complete answer within {_options.AttemptTimeout.TotalSeconds:0.###} s", null);
        }
        catch (HttpRequestException ex) when (ex.InnerException is ForbiddenDestinationException forbidden)
        {
            return Attempt(null, DeliveryErrorCodes.ForbiddenDestination, forbidden.Message, null);
        }
        catch (HttpRequestException ex)
        {
            return Attempt(null, DeliveryErrorCodes.NetworkError, DescribeNetworkError(ex), null);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            return Attempt(null, DeliveryErrorCodes.NetworkError, ex.Message, null);
        }
        catch (Exception ex)
        {
            LogUnexpectedSendFailure(logger, ex, messageId);
            return Attempt(null, DeliveryErrorCodes.NetworkError, ex.GetType().Name, null);
        }
    }

    private static HttpRequestMessage BuildRequest(EndpointTarget target, string eventId, string messageId, byte[] body, DateTimeOffset now)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version11,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        // Custom headers go first so that the platform's own headers, set below, always win.
        foreach (var (name, value) in target.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var keys = target.Secrets.Select(WebhookSecret.GetKey).ToArray();
        var unixSeconds = now.ToUnixTimeSeconds();
        SetHeader(request, "User-Agent", UserAgent);
        // One secret only: the header is compared whole. The endpoint chooses which during a rotation.
        SetHeader(request, "X-Webhook-Signature", WebhookSigner.SpecSignature(keys[Math.Clamp(target.SpecSecretIndex, 0, keys.Length - 1)], body));
        SetHeader(request, "X-Webhook-ID", eventId);
        SetHeader(request, "X-Webhook-Timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        SetHeader(request, "webhook-id", messageId);
        SetHeader(request, "webhook-timestamp", unixSeconds.ToString(CultureInfo.InvariantCulture));
        SetHeader(request, "webhook-signature", WebhookSigner.StandardSignatureHeader(keys, messageId, unixSeconds, body));
        return request;
    }

    private static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    private async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        // The buffer is pooled: allocating MaxResponseBodyBytes (64 KiB by default) for every
        // attempt cost a zeroed allocation per delivery, most of which answer a few bytes.
        var limit = _options.MaxResponseBodyBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(limit, 1));
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            var read = 0;
            while (read < limit)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read == 0)
            {
                return null;
            }

            var recorded = Math.Min(read, _options.RecordedResponseBodyBytes);
            return Encoding.UTF8.GetString(buffer, 0, recorded);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The receiver's own rate-limit headers (<c>X-RateLimit-*</c> or the IETF <c>RateLimit-*</c>). A reset
    /// larger than a year of seconds is read as a unix time.
    /// </summary>
    internal static ReceiverFeedback RateLimitHints(HttpResponseMessage response, DateTimeOffset now)
    {
        double? Read(string name) =>
            (response.Headers.TryGetValues("X-" + name, out var values) || response.Headers.TryGetValues(name, out values))
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;

        var reset = Read("RateLimit-Reset");
        if (reset > 365 * 86_400)
        {
            reset = Math.Max(0, reset.Value - now.ToUnixTimeSeconds());
        }

        return new ReceiverFeedback { Remaining = Read("RateLimit-Remaining"), Limit = Read("RateLimit-Limit"), ResetSeconds = reset };
    }

    /// <summary>Reads <c>Retry-After</c> as seconds or as an HTTP date.</summary>
    internal static double? RetryAfterSeconds(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => Math.Max(0, delta.TotalSeconds),
        { Date: { } date } => Math.Max(0, (date - now).TotalSeconds),
        _ => null,
    };

    private static string DescribeNetworkError(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.ConnectionError => "Connection failed: " + (ex.InnerException?.Message ?? ex.Message),
        HttpRequestError.NameResolutionError => "DNS resolution failed: " + (ex.InnerException?.Message ?? ex.Message),
        HttpRequestError.SecureConnectionError => "TLS handshake failed: " + (ex.InnerException?.Message ?? ex.Message),
        _ => ex.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unexpected failure sending webhook {MessageId}")]
    private static partial void LogUnexpectedSendFailure(ILogger logger, Exception exception, string messageId);
}
