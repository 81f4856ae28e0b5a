using Akademia.Webhooks.Grains.Monitoring;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class MonitorDeltaTests
{
    [Fact]
    public void ADeltaWithNothingInItIsEmptyWhateverCollectionInstancesItHolds()
    {
        Assert.True(new MonitorDelta().IsEmpty);
        Assert.True(new MonitorBuffer().Drain().IsEmpty);
        Assert.True(new MonitorDelta { Errors = [], RateLimitWindows = [], Inbound = [], RateLimitShards = [] }.IsEmpty);
    }

    [Fact]
    public void ADeltaWithACountOrAnEntryIsNotEmpty()
    {
        Assert.False(new MonitorDelta { Events = 1 }.IsEmpty);
        Assert.False(new MonitorDelta { Errors = [new MonitoredError(DateTimeOffset.UnixEpoch, "X", null, "ep", null)] }.IsEmpty);
        Assert.False(new MonitorDelta { RateLimitWindows = new() { ["k"] = DateTimeOffset.UnixEpoch } }.IsEmpty);
        Assert.False(new MonitorDelta { RateLimitShards = new() { ["0"] = new RateLimitShardReport(1, DateTimeOffset.UnixEpoch) } }.IsEmpty);
    }
}
