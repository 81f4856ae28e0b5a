namespace Akademia.Webhooks.Grains.Breakers;

/// <summary>
/// The breaker's state machine, free of Orleans and of the clock: closed until
/// <c>failureThreshold</c> consecutive failures, then open for <c>openDuration</c>, then half-open
/// with exactly one probe. A successful probe closes it; a failed one reopens it.
/// </summary>
public sealed class CircuitBreaker(int failureThreshold, TimeSpan openDuration, TimeSpan probeLease)
{
    public CircuitState State { get; private set; } = CircuitState.Closed;

    public int ConsecutiveFailures { get; private set; }

    public DateTimeOffset? OpenedAt { get; private set; }

    public DateTimeOffset? ProbeStartedAt { get; private set; }

    public DateTimeOffset? RetryAt => State == CircuitState.Open ? OpenedAt + openDuration : null;

    /// <summary>Raised with the new state on every transition.</summary>
    public event Action<CircuitState>? Transitioned;

    public BreakerVerdict Acquire(DateTimeOffset now)
    {
        if (State == CircuitState.Open && now >= OpenedAt + openDuration)
        {
            MoveTo(CircuitState.HalfOpen);
        }

        switch (State)
        {
            case CircuitState.Closed:
                return BreakerVerdict.Allow;
            case CircuitState.HalfOpen when ProbeStartedAt is null || now - ProbeStartedAt > probeLease:
                // A probe whose outcome never came back (its silo died) frees the slot after its lease.
                ProbeStartedAt = now;
                return BreakerVerdict.Probe;
            default:
                return BreakerVerdict.Reject;
        }
    }

    public void RecordSuccess()
    {
        ConsecutiveFailures = 0;
        ProbeStartedAt = null;
        if (State != CircuitState.Closed)
        {
            OpenedAt = null;
            MoveTo(CircuitState.Closed);
        }
    }

    public void RecordFailure(DateTimeOffset now)
    {
        ConsecutiveFailures++;
        if (State == CircuitState.HalfOpen || (State == CircuitState.Closed && ConsecutiveFailures >= failureThreshold))
        {
            ProbeStartedAt = null;
            OpenedAt = now;
            MoveTo(CircuitState.Open);
        }
    }

    public void Reset()
    {
        ConsecutiveFailures = 0;
        ProbeStartedAt = null;
        OpenedAt = null;
        if (State != CircuitState.Closed)
        {
            MoveTo(CircuitState.Closed);
        }
    }

    private void MoveTo(CircuitState state)
    {
        State = state;
        Transitioned?.Invoke(state);
    }
}
