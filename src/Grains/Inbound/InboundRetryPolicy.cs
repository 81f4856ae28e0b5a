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
