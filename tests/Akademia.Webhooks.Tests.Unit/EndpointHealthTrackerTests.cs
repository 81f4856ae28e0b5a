using Akademia.Webhooks.Grains.Endpoints;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class EndpointHealthTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly EndpointDetails Endpoint = new() { Id = "ep_1", Url = "https://example.com/hook", Events = ["grade.created"], Active = true };

    private static readonly CircuitBreakerSnapshot Breaker = new() { Url = "https://example.com/hook", State = CircuitState.Closed };

    private static AttemptReport Report(bool succeeded, double ms, DateTimeOffset at, string? error = null) =>
        new(succeeded, succeeded ? 200 : null, error, ms, at, "https://example.com/hook", "d");

    [Fact]
    public void HealthIsDescribedRoundedWithTheStreakAndTheBreaker()
    {
        var tracker = new EndpointHealthTracker(100, TimeSpan.FromMinutes(15));
        tracker.Add(Report(true, 100, T0), T0);
        tracker.Add(Report(false, 300, T0, "HTTP_ERROR"), T0);
        tracker.Add(Report(false, 1000, T0, "TIMEOUT"), T0);
        var endpoint = Endpoint with { Sla = new EndpointSla { MinAvailability = 30 } };

        var health = tracker.Describe(endpoint, new EndpointHealthState(T0, true, 2), Breaker, T0);

        Assert.Equal(new EndpointHealth
        {
            EndpointId = "ep_1",
            Score = 0.2,
            Attempts = 3,
            ErrorRate = 0.6667,
            TimeoutRate = 0.3333,
            AverageResponseTimeMs = 466.67,
            ConsecutiveFailures = 2,
            FailingSince = T0,
            SlaCompliant = true,
            CircuitBreaker = Breaker,
            Active = true,
        }, health);
    }

    [Fact]
    public void EmptyWindowScoresOneAndJudgesNoSla()
    {
        var tracker = new EndpointHealthTracker(100, TimeSpan.FromMinutes(15));

        var health = tracker.Describe(Endpoint with { Sla = new EndpointSla { MinAvailability = 99 } }, EndpointHealthState.Healthy, Breaker, T0);

        Assert.Equal(1, health.Score);
        Assert.Equal(0, health.Attempts);
        Assert.Null(health.SlaCompliant);
        Assert.Null(health.FailingSince);
    }

    [Fact]
    public void WindowKeepsTheNewestAttemptsNoOlderThanItsAge()
    {
        var bySize = new EndpointHealthTracker(2, TimeSpan.FromMinutes(15));
        bySize.Add(Report(false, 10, T0, "HTTP_ERROR"), T0);
        bySize.Add(Report(true, 20, T0), T0);
        bySize.Add(Report(true, 30, T0), T0);
        var byAge = new EndpointHealthTracker(100, TimeSpan.FromMinutes(15));
        byAge.Add(Report(false, 10, T0, "HTTP_ERROR"), T0);
        byAge.Add(Report(true, 20, T0.AddMinutes(1)), T0.AddMinutes(1));

        Assert.Equal((2, 0.0, 0.0, 25.0), bySize.Metrics(T0));
        Assert.Equal((2, 0.5, 0.0, 15.0), byAge.Metrics(T0.AddMinutes(15)));
        Assert.Equal((1, 0.0, 0.0, 20.0), byAge.Metrics(T0.AddMinutes(15).AddTicks(1)));
    }
}
