using Akademia.Webhooks.Grains.Retention;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class RetentionScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void APartitionIsStableAndInRange()
    {
        var partitions = Enumerable.Range(0, 1000).Select(i => RetentionSchedule.PartitionOf($"evt-{i}")).ToList();

        Assert.All(partitions, p => Assert.InRange(p, 0, RetentionSchedule.Partitions - 1));
        Assert.Equal(partitions, Enumerable.Range(0, 1000).Select(i => RetentionSchedule.PartitionOf($"evt-{i}")));
        Assert.True(partitions.Distinct().Count() > RetentionSchedule.Partitions / 2, "ids spread over the partitions");
    }

    [Fact]
    public void APartitionIsFnv1aOfTheIdLikeTheRetrySchedule() =>
        Assert.Equal(Grains.Deliveries.RetrySchedule.PartitionOf("evt-1:ep-2"), RetentionSchedule.PartitionOf("evt-1:ep-2"));

    [Fact]
    public void TheMinutesOfOneHourShareABucketAndTheNextHourDoesNot()
    {
        var hour = RetentionSchedule.HourOf(Noon);

        Assert.Equal(hour, RetentionSchedule.HourOf(Noon.AddMinutes(59).AddSeconds(59)));
        Assert.Equal(hour + 1, RetentionSchedule.HourOf(Noon.AddHours(1)));
        Assert.Equal(hour, RetentionSchedule.HourOf(Noon.ToOffset(TimeSpan.FromHours(2))));
    }

    [Fact]
    public void ABucketIsDueOnlyOnceItsWholeHourHasPassed()
    {
        var hour = RetentionSchedule.HourOf(Noon);

        Assert.False(RetentionSchedule.IsDue(hour, Noon));
        Assert.False(RetentionSchedule.IsDue(hour, Noon.AddMinutes(59)));
        Assert.True(RetentionSchedule.IsDue(hour, Noon.AddHours(1)));
    }

    [Fact]
    public void TheDueTimeIsTheStoreTimePlusTheRetentionCappedAtTheCalendarsEnd()
    {
        Assert.Equal(Noon.AddDays(30), RetentionSchedule.DueAt(Noon, TimeSpan.FromDays(30)));
        Assert.Equal(DateTimeOffset.MaxValue, RetentionSchedule.DueAt(DateTimeOffset.MaxValue.AddDays(-1), TimeSpan.FromDays(3650)));
    }

    [Fact]
    public void ABucketKeyNamesItsPartitionAndHourAndParsesBack()
    {
        var key = RetentionSchedule.BucketKeyFor("evt-1", Noon);

        Assert.Equal((RetentionSchedule.PartitionOf("evt-1"), RetentionSchedule.HourOf(Noon)), RetentionSchedule.ParseBucketKey(key));
        Assert.Equal("7/123", RetentionSchedule.BucketKey(7, 123));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("64/1")]
    [InlineData("-1/1")]
    [InlineData("a/1")]
    [InlineData("1/x")]
    public void AMalformedBucketKeyIsRefused(string key) =>
        Assert.Throws<ArgumentException>(() => RetentionSchedule.ParseBucketKey(key));

    [Fact]
    public void EachKindNamesTheGrainThatPurgesIt()
    {
        Assert.Equal(GrainId.Create("event", "app/evt-1"), RetentionKinds.GrainOf(new RetentionFiling(RetentionKind.Event, "app/evt-1")));
        Assert.Equal("dead-letter", RetentionKinds.GrainTypeOf(RetentionKind.DeadLetter));
        Assert.Equal("inbound-message", RetentionKinds.GrainTypeOf(RetentionKind.InboundMessage));
        Assert.Equal("inbound-dead-letter", RetentionKinds.GrainTypeOf(RetentionKind.InboundDeadLetter));
    }

    [Fact]
    public void AReplayIdFollowsTheDeadLetterReplayShape() =>
        Assert.Equal("evt-1:ep-2:replay-3", EventRetention.ReplayId("evt-1:ep-2", 3));
}
