namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// A token bucket whose rate learns from the receiver, after the resilience seed's adaptive limiter
/// (adaptation factor 0.1): 429 decreases strongly (three factors) and pauses for Retry-After; 5xx and
/// timeouts decrease by one factor; rate-limit headers nearly exhausted (≤ 10 % left) pause until the
/// receiver's reset and decrease; fast successes (under 1 s) with low usage (under 70 %, or no headers)
/// increase by one factor. Bounded by the configured minimum and maximum.
/// </summary>
public sealed class AdaptiveRate
{
    public const double AdaptationFactor = 0.1;
    private const int AdjustmentsKept = 20;

    private readonly LinkedList<RateAdjustment> _adjustments = new();
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public AdaptiveRate(EndpointRateLimit limit, DateTimeOffset now)
    {
        Limit = limit;
        Current = limit.PerSecond;
        _tokens = 1;
        _refilledAt = now;
    }

    public EndpointRateLimit Limit { get; private set; }

    public double Current { get; private set; }

    public DateTimeOffset? PausedUntil { get; private set; }

    public IEnumerable<RateAdjustment> Adjustments => _adjustments;

    private double Min => Limit.MinPerSecond ?? Limit.PerSecond / 10;

    private double Max => Limit.MaxPerSecond ?? Limit.PerSecond;

    /// <summary>Takes a new configuration; the learned rate is kept within the new bounds.</summary>
    public void Reconfigure(EndpointRateLimit limit)
    {
        if (limit == Limit)
        {
            return;
        }

        Limit = limit;
        Current = limit.Adaptive ? Math.Clamp(Current, Min, Max) : limit.PerSecond;
    }

    /// <summary>Takes a token if one is there; otherwise says when the next one will be.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan wait)
    {
        if (PausedUntil is { } paused && now < paused)
        {
            wait = paused - now;
            return false;
        }

        // Nothing is saved up beyond one token, and nothing accrues during a pause: the receiver
        // sees an even pace, never a burst after idling or after its reset.
        var since = PausedUntil is { } resumed && resumed > _refilledAt ? resumed : _refilledAt;
        _tokens = Math.Min(1, _tokens + (Math.Max(0, (now - since).TotalSeconds) * Current));
        _refilledAt = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            wait = TimeSpan.Zero;
            return true;
        }

        wait = TimeSpan.FromSeconds((1 - _tokens) / Current);
        return false;
    }

    public void Learn(ReceiverFeedback feedback, DateTimeOffset now)
    {
        if (!Limit.Adaptive || !feedback.Reached)
        {
            return;
        }

        if (feedback.StatusCode == 429)
        {
            Pause(now, feedback.RetryAfterSeconds);
            Adjust(Current * (1 - (3 * AdaptationFactor)), now, "rate_limited (429)");
            return;
        }

        if (feedback.StatusCode >= 500 || feedback.ErrorCode == DeliveryErrorCodes.Timeout)
        {
            Adjust(Current * (1 - AdaptationFactor), now, feedback.ErrorCode == DeliveryErrorCodes.Timeout ? "timeout" : $"server_error ({feedback.StatusCode})");
            return;
        }

        if (feedback.Remaining is { } remaining && feedback.Limit is { } limit && limit > 0)
        {
            if (remaining <= Math.Max(1, limit * 0.1))
            {
                Pause(now, feedback.ResetSeconds);
                Adjust(Current * (1 - AdaptationFactor), now, "receiver_limit_nearly_exhausted");
                return;
            }

            if ((limit - remaining) / limit >= 0.7)
            {
                return;
            }
        }

        if (feedback.StatusCode is >= 200 and < 300 && feedback.DurationMs < 1000)
        {
            Adjust(Current * (1 + AdaptationFactor), now, "fast_success");
        }
    }

    private void Pause(DateTimeOffset now, double? seconds)
    {
        if (seconds is > 0)
        {
            var until = now + TimeSpan.FromSeconds(Math.Min(seconds.Value, 7200));
            if (PausedUntil is null || until > PausedUntil)
            {
                PausedUntil = until;
            }
        }

        _tokens = 0;
    }

    private void Adjust(double to, DateTimeOffset now, string reason)
    {
        var bounded = Math.Round(Math.Clamp(to, Min, Max), 3);
        if (Math.Abs(bounded - Current) < 0.0005)
        {
            return;
        }

        _adjustments.AddFirst(new RateAdjustment(now, Current, bounded, reason));
        if (_adjustments.Count > AdjustmentsKept)
        {
            _adjustments.RemoveLast();
        }

        Current = bounded;
    }
}
