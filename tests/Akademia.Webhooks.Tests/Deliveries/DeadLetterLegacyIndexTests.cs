using Akademia.Webhooks.Grains;
using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Inbound;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>
/// Indexes stored before scopes existed (one dictionary per queue, key <c>default</c>) are folded into
/// the scopes when the queue first activates: no step for the operator, the same listings and counts.
/// </summary>
public sealed class DeadLetterLegacyIndexTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Dlq = "/api/admin/webhooks/dead-letter-queue";
    private static readonly DateTimeOffset Day0 = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnIndexInTheOldShapeIsFoldedInOnActivationAndCleared()
    {
        var webhooks = platform.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Webhooks);
        var large = platform.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Large);

        // Outbound: 30 entries over two endpoints of two applications and two days, one deleted.
        var entries = Enumerable.Range(0, 30).Select(i => DeadLetterIndexTests.Entry($"evt_old{i:D2}:ep_old{i % 2}", $"ep_old{i % 2}", i % 2 == 0 ? "app-old-a" : "app-old-b", "t.old", Day0.AddHours(i * 2))).ToList();
        entries[3] = entries[3] with { DeletedAt = Day0.AddDays(3) };
        foreach (var entry in entries)
        {
            await webhooks.WriteStateAsync("dead-letter", GrainId.Create("dead-letter", entry.Id), new GrainState<DeadLetterState> { State = new() { Entry = entry } });
        }

        var legacy = new DeadLetterIndexState { Entries = entries.ToDictionary(e => e.Id, DeadLetterSummary.Of, StringComparer.Ordinal) };
        await large.WriteStateAsync("dead-letter-queue", GrainId.Create("dead-letter-queue", IDeadLetterQueueGrain.Key), new GrainState<DeadLetterIndexState> { State = legacy });

        // Inbound: three entries, one of them replayed.
        InboundDeadLetter Failure(int i) => new() { Id = $"msg_old{i}", SourceId = "src-old", Provider = "stripe", ErrorCode = "PROCESSING_ERROR", FailedAt = Day0.AddHours(i), CreatedAt = Day0, UpdatedAt = Day0 };
        var inbound = new[] { Failure(0), Failure(1) with { ReplayedAt = Day0.AddDays(1), ReplayCount = 1 }, Failure(2) };
        foreach (var failure in inbound)
        {
            await webhooks.WriteStateAsync("inbound-dead-letter", GrainId.Create("inbound-dead-letter", failure.Id), new GrainState<InboundDeadLetterState> { State = new() { Entry = failure } });
        }

        await large.WriteStateAsync("inbound-dead-letter-queue", GrainId.Create("inbound-dead-letter-queue", IInboundDeadLetterQueueGrain.Key),
            new GrainState<InboundDeadLetterIndexState> { State = new() { Entries = inbound.ToDictionary(f => f.Id, InboundDeadLetterSummary.Of, StringComparer.Ordinal) } });

        static List<string> Newest(IEnumerable<DeadLetterEntry> matching) => [.. matching.OrderByDescending(e => e.FailedAt).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id)];
        Assert.Equal(Newest(entries.Where(e => e.DeletedAt is null)), Ids(await platform.GetDataAsync($"{Dlq}?limit=100")));
        Assert.Equal(Newest(entries.Where(e => e.EndpointId == "ep_old1")), Ids(await platform.GetDataAsync($"{Dlq}?webhookConfigId=ep_old1&includeDeleted=true&limit=100")));
        Assert.Equal(Newest(entries.Where(e => e.ApplicationId == "app-old-a" && e.DeletedAt is null)), Ids(await platform.GetDataAsync($"{Dlq}?applicationId=app-old-a&limit=100")));
        var legacyAfter = new GrainState<DeadLetterIndexState>();
        await large.ReadStateAsync("dead-letter-queue", GrainId.Create("dead-letter-queue", IDeadLetterQueueGrain.Key), legacyAfter);
        Assert.False(legacyAfter.RecordExists);
        Assert.Equal(new DeadLetterCounts(30, 30, 1), await platform.Grains.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.All).GetCountsAsync());

        Assert.Equal(2, await platform.Grains.GetGrain<IInboundDeadLetterQueueInternalGrain>(IInboundDeadLetterQueueGrain.Key).CountAsync());
        Assert.Equal(["msg_old2", "msg_old0"], Ids(await platform.GetDataAsync("/api/admin/inbound/dead-letter?sourceId=src-old")));
        Assert.Equal(["msg_old2", "msg_old1", "msg_old0"], Ids(await platform.GetDataAsync("/api/admin/inbound/dead-letter?includeReplayed=true")));
    }

    private static List<string> Ids(System.Text.Json.Nodes.JsonNode page) => [.. page["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>())];
}
