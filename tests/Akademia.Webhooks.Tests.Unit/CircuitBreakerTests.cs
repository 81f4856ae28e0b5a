using Akademia.Webhooks.Grains.Breakers;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class CircuitBreakerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CircuitBreaker NewBreaker() => new(failureThreshold: 5, openDuration: TimeSpan.FromSeconds(60), probeLease: TimeSpan.FromSeconds(40));

    [Fact]
    public void OpensAfterFiveConsecutiveFailures()
    {
        var breaker = NewBreaker();
        for (var i = 0; i < 4; i++)
        {
            breaker.RecordFailure(T0);
        }

        Assert.Equal(CircuitState.Closed, breaker.State);
        breaker.RecordFailure(T0);
        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Equal(BreakerVerdict.Reject, breaker.Acquire(T0.AddSeconds(59)));
        Assert.Equal(T0.AddSeconds(60), breaker.RetryAt);
    }

    [Fact]
    public void SuccessResetsTheConsecutiveCount()
    {
        var breaker = NewBreaker();
        for (var i = 0; i < 4; i++)
        {
            breaker.RecordFailure(T0);
        }

        breaker.RecordSuccess();
        breaker.RecordFailure(T0);
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(1, breaker.ConsecutiveFailures);
    }

    [Fact]
    public void HalfOpenLetsExactlyOneProbeThroughAndItsSuccessCloses()
    {
        var breaker = Opened();
        var transitions = new List<CircuitState>();
        breaker.Transitioned += transitions.Add;

        Assert.Equal(BreakerVerdict.Probe, breaker.Acquire(T0.AddSeconds(60)));
        Assert.Equal(BreakerVerdict.Reject, breaker.Acquire(T0.AddSeconds(61)));
        breaker.RecordSuccess();

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(BreakerVerdict.Allow, breaker.Acquire(T0.AddSeconds(62)));
        Assert.Equal([CircuitState.HalfOpen, CircuitState.Closed], transitions);
    }

    [Fact]
    public void FailedProbeReopensForAnotherPeriod()
    {
        var breaker = Opened();
        Assert.Equal(BreakerVerdict.Probe, breaker.Acquire(T0.AddSeconds(60)));
        breaker.RecordFailure(T0.AddSeconds(61));

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Equal(BreakerVerdict.Reject, breaker.Acquire(T0.AddSeconds(120)));
        Assert.Equal(BreakerVerdict.Probe, breaker.Acquire(T0.AddSeconds(121)));
    }

    [Fact]
    public void ProbeWhoseOutcomeNeverArrivesIsReplacedAfterItsLease()
    {
        var breaker = Opened();
        Assert.Equal(BreakerVerdict.Probe, breaker.Acquire(T0.AddSeconds(60)));
        Assert.Equal(BreakerVerdict.Reject, breaker.Acquire(T0.AddSeconds(99)));
        Assert.Equal(BreakerVerdict.Probe, breaker.Acquire(T0.AddSeconds(101)));
    }

    [Fact]
    public void ResetCloses()
    {
        var breaker = Opened();
        breaker.Reset();
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(0, breaker.ConsecutiveFailures);
        Assert.Equal(BreakerVerdict.Allow, breaker.Acquire(T0));
    }

    private static CircuitBreaker Opened()
    {
        var breaker = NewBreaker();
        for (var i = 0; i < 5; i++)
        {
            breaker.RecordFailure(T0);
        }

        return breaker;
    }
}
