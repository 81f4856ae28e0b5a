using Akademia.Webhooks.Grains.Hosting;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// Exponential backoff with jitter for processing retries: after the n-th failure the wait is
/// <c>base × 2^(n-1)</c> plus up to <c>jitter</c>, never more than <c>max</c>.
/// </summary>
public sealed class InboundRetryPolicy(TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan jitter)
{
    public InboundRetryPolicy(InboundOptions options)
        : this(options.RetryBaseDelay, options.RetryMaxDelay, options.RetryJitter)
    {
    }

    /// <summary>The wait after <paramref name="failedAttempts"/> (≥ 1) failures; <paramref name="random"/> is a sample in [0, 1).</summary>
    public TimeSpan DelayAfter(int failedAttempts, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);

        // Past 2^30 the product is beyond any sensible cap; stop doubling before it overflows.
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var total = exponential + (jitter.TotalMilliseconds * random);
        return TimeSpan.FromMilliseconds(Math.Min(maxDelay.TotalMilliseconds, total));
    }
}

/// <summary>What went wrong in a processing attempt, and whether trying again can help.</summary>
public sealed record InboundFailure(string Code, string Message, bool Retryable)
{
    /// <summary>
    /// Timeouts, unavailable storage or cluster and unexpected (5xx-class) errors are retried: they
    /// pass. A bad signature, a malformed payload, a missing processor or an event the platform refuses
    /// as invalid fail the same way every time, so they go to the dead-letter queue at once.
    /// </summary>
    public static InboundFailure Classify(Exception exception) => exception switch
    {
        InboundPayloadException payload => new(payload.Code, payload.Message, Retryable: false),
        ValidationFailedException validation => new(InboundErrorCodes.MalformedPayload, "The platform refused the event: " + validation.Message, Retryable: false),
        WebhookPlatformException { Code: ErrorCodes.ServiceUnavailable or ErrorCodes.Timeout or ErrorCodes.InternalServerError } platform =>
            new(platform.Code == ErrorCodes.InternalServerError ? InboundErrorCodes.ProcessingError : platform.Code, platform.Message, Retryable: true),
        // Any other platform refusal (not found, conflict, a bad signature…) is a 4xx: it would be refused again.
        WebhookPlatformException platform => new(platform.Code, platform.Message, Retryable: false),
        TimeoutException => new(InboundErrorCodes.Timeout, "Processing did not finish in time.", Retryable: true),
        SiloUnavailableException or OrleansMessageRejectionException => new(InboundErrorCodes.ServiceUnavailable, "The cluster is unavailable: " + exception.Message, Retryable: true),
        _ when StorageUnavailableFilter.IsStorageOutage(exception) => new(InboundErrorCodes.ServiceUnavailable, "Storage is unavailable.", Retryable: true),
        _ => new(InboundErrorCodes.ProcessingError, $"{exception.GetType().Name}: {exception.Message}", Retryable: true),
    };
}

/// <summary>The seed's health score for inbound processing.</summary>
public static class InboundHealthScore
{
    public const int DegradedBelow = 70;

    /// <summary>
    /// 100, less 20 for more than 1000 messages received and not yet processed, 15 for more than 500
    /// waiting for a retry, 25 for more than 100 in the dead-letter queue, and for the error rate 30
    /// above 10 % and a further 15 above 5 % (the seed's two rules both apply to a rate above 10 %).
    /// </summary>
    public static int Calculate(InboundQueues queues, double errorRate)
    {
        var score = 100;
        if (queues.Received > 1000)
        {
            score -= 20;
        }

        if (queues.Retrying > 500)
        {
            score -= 15;
        }

        if (queues.DeadLetter > 100)
        {
            score -= 25;
        }

        if (errorRate > 0.1)
        {
            score -= 30;
        }

        if (errorRate > 0.05)
        {
            score -= 15;
        }

        return Math.Clamp(score, 0, 100);
    }

    public static string Status(int score) => score >= DegradedBelow ? "healthy" : "degraded";
}
