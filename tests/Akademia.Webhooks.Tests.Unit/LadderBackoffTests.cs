using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Retries;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class LadderBackoffTests
{
    private static readonly TimeSpan[] Ladder =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
    ];

    private readonly RetryBackoff _default = new(null, DeliveryOptions.DefaultRetryDelays, 0.1);

    [Fact]
    public void DefaultLadderMakesSevenAttempts()
    {
        Assert.Equal(7, _default.MaxAttempts);
        Assert.Equal(Ladder, DeliveryOptions.DefaultRetryDelays);
    }

    [Fact]
    public void UnjitteredDelaysFollowTheLadder()
    {
        // A sample of 0.5 is the middle of the jitter range: no change.
        var delays = Enumerable.Range(1, 6).Select(n => _default.NextDelay(n, null, null, 0.5)).ToArray();

        Assert.Equal(Ladder.Cast<TimeSpan?>(), delays);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.999999)]
    public void WithoutJitterFactorEveryDelayIsExact(double random)
    {
        var schedule = new RetryBackoff(null, Ladder, 0);

        Assert.Equal(Ladder.Cast<TimeSpan?>(), Enumerable.Range(1, 6).Select(n => schedule.NextDelay(n, null, null, random)));
    }

    [Fact]
    public void JitterStaysWithinTenPercent()
    {
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var baseDelay = Ladder[attempt - 1];
            for (var i = 0; i < 1000; i++)
            {
                var delay = _default.NextDelay(attempt, null, null, i / 1000.0)!.Value;
                Assert.InRange(delay, baseDelay * 0.9, baseDelay * 1.1);
            }
        }
    }

    [Fact]
    public void JitterReachesBothBounds()
    {
        Assert.Equal(TimeSpan.FromSeconds(54), _default.NextDelay(1, null, null, 0.0));
        Assert.Equal(TimeSpan.FromMinutes(108), _default.NextDelay(6, null, null, 0.0));
        Assert.InRange(_default.NextDelay(1, null, null, 0.9999999)!.Value, TimeSpan.FromSeconds(65.9999), TimeSpan.FromSeconds(66));
        Assert.InRange(_default.NextDelay(6, null, null, 0.9999999)!.Value, TimeSpan.FromMinutes(131.9999), TimeSpan.FromMinutes(132));
    }

    [Fact]
    public void JitterGrowsWithTheSample()
    {
        var delays = Enumerable.Range(0, 100).Select(i => _default.NextDelay(3, null, null, i / 100.0)!.Value).ToList();

        Assert.Equal(delays.Order(), delays);
        Assert.Equal(100, delays.Distinct().Count());
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(int.MaxValue)]
    [InlineData(0)]
    [InlineData(-1)]
    public void NoDelayAfterTheLastAttemptOrBeforeTheFirst(int attemptsMade)
    {
        Assert.Null(_default.NextDelay(attemptsMade, null, null, 0.5));
    }

    [Fact]
    public void LadderLengthSetsTheNumberOfAttempts()
    {
        var schedule = new RetryBackoff(null, [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], 0);

        Assert.Equal(3, schedule.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.NextDelay(1, null, null, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(4), schedule.NextDelay(2, null, null, 0.5));
        Assert.Null(schedule.NextDelay(3, null, null, 0.5));
        Assert.Equal(1, new RetryBackoff(null, [], 0.1).MaxAttempts);
        Assert.Null(new RetryBackoff(null, [], 0.1).NextDelay(1, null, null, 0.5));
    }
}
