using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Grains.Retries;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class RetryBackoffTests
{
    private static RetryBackoff Computed(string strategy, double baseSeconds = 10, double maxSeconds = 1000, int maxAttempts = 8) =>
        new(new RetryPolicy { Strategy = strategy, BaseDelaySeconds = baseSeconds, MaxDelaySeconds = maxSeconds, MaxAttempts = maxAttempts, JitterFactor = 0 },
            DeliveryOptions.DefaultRetryDelays, 0.1);

    private static double[] Delays(RetryBackoff backoff, string? errorCode = null, int? status = 400) =>
        [.. Enumerable.Range(1, backoff.MaxAttempts - 1).Select(n => backoff.NextDelay(n, errorCode, status, 0.5)!.Value.TotalSeconds)];

    [Fact]
    public void ExponentialDoublesFromTheBaseUpToTheCap() =>
        Assert.Equal([10, 20, 40, 80, 160, 320, 640], Delays(Computed(RetryBackoff.Exponential)));

    [Fact]
    public void LinearGrowsByTheBase() =>
        Assert.Equal([10, 20, 30, 40, 50, 60, 70], Delays(Computed(RetryBackoff.Linear)));

    [Fact]
    public void PolynomialGrowsWithTheSquare() =>
        Assert.Equal([10, 40, 90, 160, 250, 360, 490], Delays(Computed(RetryBackoff.Polynomial)));

    [Fact]
    public void FibonacciFollowsTheSequence() =>
        Assert.Equal([10, 10, 20, 30, 50, 80, 130], Delays(Computed(RetryBackoff.Fibonacci)));

    [Fact]
    public void ComputedDelaysAreCapped() =>
        Assert.Equal([10, 20, 40, 80, 100, 100, 100], Delays(Computed(RetryBackoff.Exponential, maxSeconds: 100)));

    [Theory]
    [InlineData(null, 429, 20)]
    [InlineData(null, 503, 15)]
    [InlineData("TIMEOUT", null, 12)]
    [InlineData("NETWORK_ERROR", null, 20)]
    [InlineData(null, 400, 10)]
    public void ComputedDelaysAreStretchedByTheKindOfError(string? errorCode, int? status, double expectedSeconds) =>
        Assert.Equal(expectedSeconds, Computed(RetryBackoff.Exponential).NextDelay(1, errorCode, status, 0.5)!.Value.TotalSeconds);

    [Fact]
    public void TheDefaultIsThePlatformLadderUnstretched()
    {
        var backoff = new RetryBackoff(null, DeliveryOptions.DefaultRetryDelays, 0);
        Assert.Equal(7, backoff.MaxAttempts);
        Assert.Equal([60, 300, 900, 1800, 3600, 7200], Delays(backoff, status: 503));
    }

    [Fact]
    public void ACustomLadderReplacesThePlatformsAndKeepsItsLastStep()
    {
        var backoff = new RetryBackoff(new RetryPolicy { DelaysSeconds = [5, 30], MaxAttempts = 5, JitterFactor = 0 }, DeliveryOptions.DefaultRetryDelays, 0.1);
        Assert.Equal([5, 30, 30, 30], Delays(backoff));
        Assert.Null(backoff.NextDelay(5, null, 500, 0.5));
    }

    [Fact]
    public void JitterStaysWithinItsFactor()
    {
        var backoff = new RetryBackoff(new RetryPolicy { Strategy = "linear", BaseDelaySeconds = 100, JitterFactor = 0.2 }, DeliveryOptions.DefaultRetryDelays, 0.1);
        Assert.Equal(80, backoff.NextDelay(1, null, 400, 0.0)!.Value.TotalSeconds, 6);
        Assert.Equal(120, backoff.NextDelay(1, null, 400, 1.0)!.Value.TotalSeconds, 6);
    }

    [Fact]
    public void GoneIsAlwaysPermanentAndListedStatusesAreToo()
    {
        var plain = new RetryBackoff(null, DeliveryOptions.DefaultRetryDelays, 0.1);
        var listed = new RetryBackoff(new RetryPolicy { PermanentStatusCodes = [404, 422] }, DeliveryOptions.DefaultRetryDelays, 0.1);

        Assert.True(plain.IsPermanent(410));
        Assert.False(plain.IsPermanent(404));
        Assert.True(listed.IsPermanent(404));
        Assert.True(listed.IsPermanent(410));
        Assert.False(listed.IsPermanent(500));
        Assert.False(listed.IsPermanent(null));
    }

    [Fact]
    public void InvalidPoliciesNameTheirFields()
    {
        var problems = RetryBackoff.Check(new RetryPolicy
        {
            Strategy = "random",
            BaseDelaySeconds = 0,
            MaxAttempts = 100,
            JitterFactor = 0.9,
            DelaysSeconds = [-1],
            PermanentStatusCodes = [200],
        }).Select(p => p.Field).ToList();

        Assert.Equal(
            ["retryPolicy.strategy", "retryPolicy.baseDelaySeconds", "retryPolicy.maxAttempts", "retryPolicy.jitterFactor", "retryPolicy.delaysSeconds", "retryPolicy.permanentStatusCodes"],
            problems);
    }

    [Theory]
    [InlineData(0.0, 100, 0.0, 1.0)]
    [InlineData(0.02, 100, 0.0, 0.9)]
    [InlineData(0.06, 100, 0.0, 0.7)]
    [InlineData(0.2, 100, 0.0, 0.5)]
    [InlineData(0.0, 3000, 0.0, 0.8)]
    [InlineData(0.0, 6000, 0.0, 0.6)]
    [InlineData(0.0, 12000, 0.0, 0.3)]
    [InlineData(0.0, 100, 0.02, 0.8)]
    [InlineData(0.2, 12000, 0.1, 0.06)]
    public void HealthScoreFollowsTheSeedsThresholds(double errorRate, double averageMs, double timeoutRate, double expected) =>
        Assert.Equal(expected, EndpointHealthTracker.ScoreOf(errorRate, averageMs, timeoutRate), 6);
}
