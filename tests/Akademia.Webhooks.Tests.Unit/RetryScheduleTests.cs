using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class RetryScheduleTests
{
    [Fact]
    public void APartitionIsStableAndInRange()
    {
        // Fixed figures: every silo and every version must file a delivery in the same partition.
        Assert.Equal(RetrySchedule.PartitionOf("evt-1:ep-1"), RetrySchedule.PartitionOf("evt-1:ep-1"));
        var partitions = Enumerable.Range(0, 10_000).Select(i => RetrySchedule.PartitionOf($"evt-{i}:ep")).ToList();
        Assert.All(partitions, p => Assert.InRange(p, 0, RetrySchedule.Partitions - 1));
        Assert.Equal(RetrySchedule.Partitions, partitions.Distinct().Count());
        Assert.Equal(11, RetrySchedule.PartitionOf("abc"));
    }

    [Fact]
    public void TimesInOneMinuteShareItsNumber()
    {
        var start = new DateTimeOffset(2026, 12, 2, 12, 5, 0, TimeSpan.Zero);
        Assert.Equal(RetrySchedule.MinuteOf(start), RetrySchedule.MinuteOf(start.AddSeconds(59.999)));
        Assert.Equal(RetrySchedule.MinuteOf(start) + 1, RetrySchedule.MinuteOf(start.AddMinutes(1)));
        Assert.Equal(RetrySchedule.MinuteOf(start), RetrySchedule.MinuteOf(new DateTimeOffset(2026, 12, 2, 13, 5, 30, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void ABucketKeyNamesItsPartitionAndMinute()
    {
        Assert.Equal("7/29000000", RetrySchedule.BucketKey(7, 29_000_000));
        Assert.Equal((7, 29_000_000L), RetrySchedule.ParseBucketKey("7/29000000"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("/5")]
    [InlineData("64/5")]
    [InlineData("-1/5")]
    [InlineData("7/x")]
    public void AKeyThatIsNotABucketKeyIsRefused(string key) =>
        Assert.Throws<ArgumentException>(() => RetrySchedule.ParseBucketKey(key));

    [Fact]
    public void OnlyAPendingDeliveryDueInTheBucketsMinuteIsFiledThere()
    {
        var next = new DateTimeOffset(2026, 12, 2, 12, 5, 30, TimeSpan.Zero);
        var minute = RetrySchedule.MinuteOf(next);
        Assert.True(RetrySchedule.IsFiledIn(minute, pending: true, next));
        Assert.True(RetrySchedule.IsFiledIn(minute, pending: true, nextAttemptAt: null));
        Assert.False(RetrySchedule.IsFiledIn(minute - 1, pending: true, next));
        Assert.False(RetrySchedule.IsFiledIn(minute, pending: false, next));
    }
}
