using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Inbound;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>The dead-letter index states as Redis and Azure store them (JSON with type names): the new pages and heads, and the old single-state index.</summary>
public sealed class DeadLetterStorageJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void APageOfEitherQueueReadsBackWithItsSummaryTypes()
    {
        var outbound = new DeadLetterSummary { Id = "evt_1:ep_1", EndpointId = "ep_1", EventType = "t", FailedAt = At, ApplicationId = "app", Replayed = true };
        var inbound = new InboundDeadLetterSummary { Id = "msg_1", SourceId = "src", Provider = "stripe", ErrorCode = "PROCESSING_ERROR", FailedAt = At, Replayed = true };

        var read = StorageJson.Read<DeadLetterPageState>(StorageJson.Write(new DeadLetterPageState { Summaries = [outbound, inbound] }));

        Assert.Equal<IDeadLetterSummary>([outbound, inbound], read.Summaries);
        Assert.Contains("\"WebhookConfigId\":\"ep_1\"", StorageJson.Write(outbound), StringComparison.Ordinal);
    }

    [Fact]
    public void AHeadReadsBackWithItsBucketsAndCounters()
    {
        var head = new DeadLetterScopeState { Buckets = [new DeadLetterBucket(20_000, [new DeadLetterPageInfo(0, 3, At.UtcTicks, At.UtcTicks - 10)])], Archived = 5, Listed = 3, Hidden = 1 };

        var read = StorageJson.Read<DeadLetterScopeState>(StorageJson.Write(head));

        Assert.Equal((5L, 3L, 1L), (read.Archived, read.Listed, read.Hidden));
        Assert.Equal(head.Buckets[0].Pages, Assert.Single(read.Buckets).Pages);
    }

    [Fact]
    public void AnIndexStoredBeforeScopesReadsWithItsSummariesNotReplayed()
    {
        const string Stored = """{"$id":"1","$type":"Akademia.Webhooks.Grains.DeadLetters.DeadLetterIndexState, Akademia.Webhooks.Grains","Entries":{"$id":"2","$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[Akademia.Webhooks.Grains.DeadLetters.DeadLetterSummary, Akademia.Webhooks.Grains]], System.Private.CoreLib","evt_1:ep_1":{"$id":"3","$type":"Akademia.Webhooks.Grains.DeadLetters.DeadLetterSummary, Akademia.Webhooks.Grains","Id":"evt_1:ep_1","WebhookConfigId":"ep_1","EventType":"t","FailedAt":"2026-12-01T09:00:00+00:00","Deleted":true,"ApplicationId":"app"}}}""";

        var summary = Assert.Single(StorageJson.Read<DeadLetterIndexState>(Stored).Entries.Values);

        Assert.Equal(("ep_1", "app", true, false, At), (summary.EndpointId, summary.ApplicationId, summary.Deleted, summary.Replayed, summary.FailedAt));
        Assert.True(((IDeadLetterSummary)summary).Hidden);
    }
}
