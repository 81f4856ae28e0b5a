using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Grains.Events;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class EndpointHealthPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly EndpointPolicyOptions Options = new() { FailingAfterConsecutiveFailures = 4, AutoDisableAfter = TimeSpan.FromDays(5) };

    private static readonly EndpointDetails Endpoint = new() { Id = "ep_1", Url = "https://example.com/hook", Events = ["grade.created"], Active = true };

    private static AttemptReport Failure(DateTimeOffset at, int? status = 500, string? error = "HTTP_ERROR", string url = "https://example.com/hook") =>
        new(false, status, error, 120, at, url, "evt_1:ep_1");

    private static AttemptReport Success(DateTimeOffset at) => new(true, 200, null, 80, at, "https://example.com/hook", "evt_2:ep_1");

    /// <summary>Judges <paramref name="reports"/> in turn, each at its own moment, as the grain does.</summary>
    private static List<EndpointHealthVerdict> JudgeAll(EndpointHealthState start, EndpointPolicyOptions options, params AttemptReport[] reports)
    {
        var verdicts = new List<EndpointHealthVerdict>();
        var health = start;
        foreach (var report in reports)
        {
            var verdict = EndpointHealthPolicy.Judge(health, Endpoint, report, options, report.At);
            verdicts.Add(verdict);
            health = verdict.Next;
        }

        return verdicts;
    }

    [Fact]
    public void FirstFailureStartsAStreakAndIsWritten()
    {
        var verdict = EndpointHealthPolicy.Judge(EndpointHealthState.Healthy, Endpoint, Failure(T0), Options, T0.AddSeconds(1));

        Assert.Equal(new EndpointHealthState(T0, false, 1), verdict.Next);
        Assert.True(verdict.MustWrite);
        Assert.Empty(verdict.Events);
        Assert.Null(verdict.Disabled);
    }

    [Fact]
    public void FourthFailureInARowAnnouncesFailingSinceTheFirst()
    {
        var verdicts = JudgeAll(EndpointHealthState.Healthy, Options,
            Failure(T0), Failure(T0.AddMinutes(1)), Failure(T0.AddMinutes(2)), Failure(T0.AddMinutes(3), status: null, error: "TIMEOUT"));

        Assert.Equal([true, false, false, true], verdicts.Select(v => v.MustWrite));
        Assert.Equal([0, 0, 0, 1], verdicts.Select(v => v.Events.Count));
        Assert.Equal(new EndpointHealthState(T0, true, 4), verdicts[3].Next);
        var failing = Assert.Single(verdicts[3].Events);
        Assert.Equal(OperationalEvents.EndpointFailing, failing.Type);
        Assert.Equal(T0, failing.Occasion);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["url"] = "https://example.com/hook",
            ["consecutiveFailures"] = 4,
            ["lastStatus"] = null,
            ["lastError"] = "TIMEOUT",
            ["failingSince"] = T0,
        }, failing.Data);
        Assert.Equal(["url", "consecutiveFailures", "lastStatus", "lastError", "failingSince"], failing.Data.Keys);
    }

    [Fact]
    public void FailingIsAnnouncedOncePerStreak()
    {
        var verdict = EndpointHealthPolicy.Judge(new EndpointHealthState(T0, true, 4), Endpoint, Failure(T0.AddMinutes(4)), Options, T0.AddMinutes(4));

        Assert.Equal(new EndpointHealthState(T0, true, 5), verdict.Next);
        Assert.False(verdict.MustWrite);
        Assert.Empty(verdict.Events);
    }

    [Fact]
    public void StreakCountedAfterAnActivationAnnouncesAfterItsOwnFourFailures()
    {
        // A new activation starts counting at zero, but the stored streak keeps its start.
        var verdicts = JudgeAll(new EndpointHealthState(T0, false, 0), Options,
            Failure(T0.AddHours(1)), Failure(T0.AddHours(2)), Failure(T0.AddHours(3)), Failure(T0.AddHours(4)));

        Assert.Equal([false, false, false, true], verdicts.Select(v => v.MustWrite));
        Assert.Equal(T0, Assert.Single(verdicts[3].Events).Occasion);
    }

    [Fact]
    public void ThresholdComesFromTheOptions()
    {
        var verdicts = JudgeAll(EndpointHealthState.Healthy, new EndpointPolicyOptions { FailingAfterConsecutiveFailures = 2 }, Failure(T0), Failure(T0.AddSeconds(1)));

        Assert.Empty(verdicts[0].Events);
        Assert.Equal(2, Assert.Single(verdicts[1].Events).Data["consecutiveFailures"]);
    }

    [Fact]
    public void SuccessAfterAnAnnouncedStreakAnnouncesRecovered()
    {
        var verdict = EndpointHealthPolicy.Judge(new EndpointHealthState(T0, true, 6), Endpoint, Success(T0.AddHours(1)), Options, T0.AddHours(1).AddSeconds(1));

        Assert.Equal(EndpointHealthState.Healthy, verdict.Next);
        Assert.True(verdict.MustWrite);
        var recovered = Assert.Single(verdict.Events);
        Assert.Equal(OperationalEvents.EndpointRecovered, recovered.Type);
        Assert.Equal(T0.AddHours(1), recovered.Occasion);
        Assert.Equal(new Dictionary<string, object?> { ["url"] = "https://example.com/hook", ["deliveryId"] = "evt_2:ep_1" }, recovered.Data);
    }

    [Fact]
    public void SuccessAfterAnUnannouncedStreakEndsItQuietly()
    {
        var verdict = EndpointHealthPolicy.Judge(new EndpointHealthState(T0, false, 3), Endpoint, Success(T0.AddMinutes(5)), Options, T0.AddMinutes(5));

        Assert.Equal(EndpointHealthState.Healthy, verdict.Next);
        Assert.True(verdict.MustWrite);
        Assert.Empty(verdict.Events);
    }

    [Fact]
    public void SuccessWithoutAStreakChangesNothingStored()
    {
        var verdict = EndpointHealthPolicy.Judge(EndpointHealthState.Healthy, Endpoint, Success(T0), Options, T0);

        Assert.Equal(EndpointHealthState.Healthy, verdict.Next);
        Assert.False(verdict.MustWrite);
        Assert.Empty(verdict.Events);
        Assert.Null(verdict.Disabled);
    }

    [Fact]
    public void GoneDisablesAtOnceNamingTheAttemptedUrl()
    {
        var now = T0.AddSeconds(2);
        var verdict = EndpointHealthPolicy.Judge(EndpointHealthState.Healthy, Endpoint, Failure(T0, status: 410, url: "https://backup.example.com/hook"), Options, now);

        var disabled = Assert.IsType<EndpointDetails>(verdict.Disabled);
        Assert.Equal(Endpoint with { Active = false, DisabledReason = "https://backup.example.com/hook answered 410 Gone", DisabledAt = now, UpdatedAt = now }, disabled);
        Assert.True(verdict.MustWrite);
        Assert.Equal(new EndpointHealthState(T0, false, 1), verdict.Next);
        var announced = Assert.Single(verdict.Events);
        Assert.Equal(OperationalEvents.EndpointDisabled, announced.Type);
        Assert.Equal(T0, announced.Occasion);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["url"] = "https://example.com/hook",
            ["reason"] = "https://backup.example.com/hook answered 410 Gone",
        }, announced.Data);
    }

    [Fact]
    public void FailingWithoutASuccessForTheWholeWindowDisables()
    {
        var health = new EndpointHealthState(T0, true, 40);
        var justBefore = T0.AddDays(5).AddTicks(-1);

        var kept = EndpointHealthPolicy.Judge(health, Endpoint, Failure(justBefore), Options, justBefore);
        var disabled = EndpointHealthPolicy.Judge(health, Endpoint, Failure(justBefore), Options, T0.AddDays(5));

        Assert.Null(kept.Disabled);
        Assert.False(kept.MustWrite);
        Assert.Equal("failing without a success since 2026-01-01T00:00:00.0000000+00:00", disabled.Disabled!.DisabledReason);
        Assert.Equal(T0.AddDays(5), disabled.Disabled.DisabledAt);
        Assert.True(disabled.MustWrite);
        Assert.Equal(OperationalEvents.EndpointDisabled, Assert.Single(disabled.Events).Type);
    }

    [Fact]
    public void InactiveEndpointIsNotDisabledAgain()
    {
        var inactive = Endpoint with { Active = false };

        var gone = EndpointHealthPolicy.Judge(new EndpointHealthState(T0, true, 9), inactive, Failure(T0.AddDays(6), status: 410), Options, T0.AddDays(6));

        Assert.Null(gone.Disabled);
        Assert.False(gone.MustWrite);
        Assert.Empty(gone.Events);
    }

    [Fact]
    public void FailingAndDisabledInOneReportAreAnnouncedInThatOrder()
    {
        var verdict = EndpointHealthPolicy.Judge(
            new EndpointHealthState(T0, false, 3), Endpoint, Failure(T0.AddMinutes(3), status: 410), Options, T0.AddMinutes(3));

        Assert.Equal([OperationalEvents.EndpointFailing, OperationalEvents.EndpointDisabled], verdict.Events.Select(e => e.Type));
        Assert.Equal([T0, T0], verdict.Events.Select(e => e.Occasion));
        Assert.Equal(new EndpointHealthState(T0, true, 4), verdict.Next);
        Assert.True(verdict.MustWrite);
    }

    [Theory]
    [InlineData(75.0, null, 0.25, 100.0, true)]
    [InlineData(75.0, null, 0.5, 100.0, false)]
    [InlineData(null, 200.0, 0.9, 200.0, true)]
    [InlineData(null, 200.0, 0.0, 200.5, false)]
    [InlineData(99.0, 500.0, 0.0, 100.0, true)]
    [InlineData(99.0, 500.0, 0.0, 501.0, false)]
    [InlineData(null, null, 1.0, 60_000.0, true)]
    public void SlaIsMetWhenAvailabilityAndAverageResponseTimeAreWithinIt(double? minAvailability, double? maxResponseTimeMs, double errorRate, double averageMs, bool compliant)
    {
        var sla = new EndpointSla { MinAvailability = minAvailability, MaxResponseTimeMs = maxResponseTimeMs };

        Assert.Equal(compliant, EndpointHealthPolicy.SlaCompliant(sla, 10, errorRate, averageMs));
    }

    [Fact]
    public void SlaIsNotJudgedWithoutAnSlaOrWithoutAttempts()
    {
        Assert.Null(EndpointHealthPolicy.SlaCompliant(null, 10, 0.5, 100));
        Assert.Null(EndpointHealthPolicy.SlaCompliant(new EndpointSla { MinAvailability = 99 }, 0, 0, 0));
    }
}
