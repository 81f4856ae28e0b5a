using System.Net;
using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Inbound;
using Akademia.Webhooks.Tests.Api;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>A platform whose tests can make grain writes fail or stall.</summary>
public sealed class DeadLetterIndexFixture() : PlatformFixture(o =>
{
    o.StorageFaults = new StorageFaults();
    o.CircuitBreaker.FailureThreshold = 1000;
});

/// <summary>
/// The scoped dead-letter indexes: an index that fails or is slow never sends a delivery again and is
/// repaired; batch replay skips what was replayed; purge and payload erase; listings over many pages.
/// </summary>
public sealed class DeadLetterIndexTests(DeadLetterIndexFixture platform) : IClassFixture<DeadLetterIndexFixture>, IAsyncLifetime
{
    private const string Dlq = "/api/admin/webhooks/dead-letter-queue";
    private static readonly DateTimeOffset Day0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private WebhookReceiver _receiver = null!;

    private StorageFaults Faults => platform.Options.StorageFaults!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        Faults.BeforeWrite = null;
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task ADeadLetterWhoseIndexWriteFailsIsPostedOnceAndListedAfterItsRepair()
    {
        _receiver.RespondWith(410);
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/failing-index"), type);
        var failing = true;
        Faults.BeforeWrite = (name, grain) => failing && name == "dead-letter-page" && grain.Key.ToString()!.Contains(endpointId, StringComparison.Ordinal)
            ? throw new TimeoutException("injected: index page write failed")
            : Task.CompletedTask;

        await platform.PublishAsync(new { id = "idx-fail", type, data = new { } });
        var delivery = await platform.WaitForDeliveryAsync($"idx-fail:{endpointId}", d => d.Status == DeliveryStatus.DeadLettered);
        Assert.Single(delivery.Attempts);
        Assert.NotNull(await platform.Grains.GetGrain<IDeadLetterGrain>($"idx-fail:{endpointId}").GetAsync());
        Assert.Empty((await platform.GetDataAsync($"{Dlq}?webhookConfigId={endpointId}"))["items"]!.AsArray());

        failing = false;
        await Eventually.HoldsAsync(
            async () => (await platform.GetDataAsync($"{Dlq}?webhookConfigId={endpointId}"))["items"]!.AsArray().Count == 1,
            TimeSpan.FromSeconds(30), () => "the repair did not list the entry");

        // The entry is listed in every scope, once; the receiver heard the delivery once.
        Assert.Contains((await platform.GetDataAsync($"{Dlq}?applicationId=default&eventType={type}"))["items"]!.AsArray(), e => e!["id"]!.GetValue<string>() == $"idx-fail:{endpointId}");
        Assert.Single(_receiver.Received, r => r.Path == "/failing-index");
    }

    [Fact]
    public async Task ASlowIndexDoesNotHoldTheDeliveryWhichSettlesAndIsListedLater()
    {
        _receiver.RespondWith(410);
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/slow-index"), type);
        var slow = true;
        Faults.BeforeWrite = (name, grain) => slow && name == "dead-letter-page" && grain.Key.ToString()!.Contains(endpointId, StringComparison.Ordinal)
            ? Task.Delay(TimeSpan.FromSeconds(8))
            : Task.CompletedTask;

        await platform.PublishAsync(new { id = "idx-slow", type, data = new { } });
        await platform.WaitForDeliveryAsync($"idx-slow:{endpointId}", d => d.Status == DeliveryStatus.DeadLettered, TimeSpan.FromSeconds(20));
        slow = false;
        await Eventually.HoldsAsync(
            async () => (await platform.GetDataAsync($"{Dlq}?webhookConfigId={endpointId}"))["items"]!.AsArray().Count == 1,
            TimeSpan.FromSeconds(30), () => "the slow index never listed the entry");
        Assert.Single(_receiver.Received, r => r.Path == "/slow-index");
    }

    [Fact]
    public async Task BatchReplaySkipsEntriesAlreadyReplayedUnlessAsked()
    {
        _receiver.RespondWith(200);
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/replayed"), type);
        foreach (var (id, at) in new[] { ("rep-a", Day0), ("rep-b", Day0.AddMinutes(1)) })
        {
            await platform.Grains.GetGrain<IDeadLetterInternalGrain>($"{id}:{endpointId}").ArchiveAsync(Entry($"{id}:{endpointId}", endpointId, ApplicationIds.Default, type, at));
        }

        await platform.PostDataAsync($"{Dlq}/rep-a:{endpointId}/replay");

        var batch = await platform.PostDataAsync($"{Dlq}/replay?webhookConfigId={endpointId}&limit=10");
        Assert.Equal(1, batch["total"]!.GetValue<int>());
        Assert.Equal($"rep-b:{endpointId}", batch["results"]![0]!["id"]!.GetValue<string>());

        // Both are replayed now: a default batch finds nothing, includeReplayed takes both again.
        Assert.Equal(0, (await platform.PostDataAsync($"{Dlq}/replay?webhookConfigId={endpointId}&limit=10"))["total"]!.GetValue<int>());
        var again = await platform.PostDataAsync($"{Dlq}/replay?webhookConfigId={endpointId}&limit=10&includeReplayed=true");
        Assert.Equal((2, 2), (again["total"]!.GetValue<int>(), again["replayed"]!.GetValue<int>()));
        Assert.Equal(2, (await platform.Grains.GetGrain<IDeadLetterGrain>($"rep-a:{endpointId}").GetAsync())!.ReplayCount);

        // Listings show replayed entries as before.
        Assert.Equal(2, (await platform.GetDataAsync($"{Dlq}?webhookConfigId={endpointId}"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task ErasingAPayloadKeepsTheEntryAndPurgingTakesItOffEveryListing()
    {
        var endpointId = "ep_purge_" + Guid.NewGuid().ToString("N")[..8];
        var archive = platform.Grains.GetGrain<IDeadLetterInternalGrain>($"evt_p1:{endpointId}");
        await archive.ArchiveAsync(Entry($"evt_p1:{endpointId}", endpointId, "app-purge", "t.purge", Day0.AddHours(3)));
        await platform.Grains.GetGrain<IDeadLetterInternalGrain>($"evt_p2:{endpointId}").ArchiveAsync(Entry($"evt_p2:{endpointId}", endpointId, "app-purge", "t.purge", Day0.AddHours(4)));
        var before = await AllCountsAsync();

        Assert.Equal(0, await archive.ErasePayloadAsync());
        var erased = await platform.GetDataAsync($"{Dlq}/evt_p1:{endpointId}");
        Assert.NotNull(erased["payloadErasedAt"]);
        Assert.Null(erased["payload"]);
        Assert.Equal(("t.purge", 7), (erased["eventType"]!.GetValue<string>(), erased["attempts"]!.GetValue<int>()));
        Assert.Equal(0, await archive.ErasePayloadAsync());
        Assert.Equal(2, (await platform.GetDataAsync($"{Dlq}?webhookConfigId={endpointId}"))["items"]!.AsArray().Count);

        await archive.PurgeAsync();
        await archive.PurgeAsync();
        Assert.Null(await platform.Grains.GetGrain<IDeadLetterGrain>($"evt_p1:{endpointId}").GetAsync());
        await ApiAssert.ErrorAsync(await platform.Http.GetAsync($"{Dlq}/evt_p1:{endpointId}"), HttpStatusCode.NotFound, "NOT_FOUND");
        foreach (var query in new[] { $"webhookConfigId={endpointId}", "applicationId=app-purge", $"eventType=t.purge&includeDeleted=true" })
        {
            Assert.Equal([$"evt_p2:{endpointId}"], (await platform.GetDataAsync($"{Dlq}?{query}&limit=100"))["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
        }

        // The listed count drops, the archived count never does.
        var after = await AllCountsAsync();
        Assert.Equal((before.Archived, before.Listed - 1), (after.Archived, after.Listed));
        Assert.Equal(0, await archive.ErasePayloadAsync());
        Assert.Equal(1, (await platform.Grains.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.OfEndpoint(endpointId)).GetCountsAsync()).Listed);
    }

    [Fact]
    public async Task AnInboundEntryPurgedLeavesTheListingAndTheCount()
    {
        var sourceId = "src-purge-" + Guid.NewGuid().ToString("N")[..6];
        var failure = new InboundDeadLetter { Id = "msg_purge_" + sourceId, SourceId = sourceId, Provider = "stripe", ErrorCode = "PROCESSING_ERROR", FailedAt = Day0, CreatedAt = Day0, UpdatedAt = Day0, Attempts = 5 };
        var entry = platform.Grains.GetGrain<IInboundDeadLetterInternalGrain>(failure.Id);
        var count = platform.Grains.GetGrain<IInboundDeadLetterQueueInternalGrain>(IInboundDeadLetterQueueGrain.Key);
        await entry.ArchiveAsync(failure);
        var before = await count.CountAsync();
        Assert.Single((await platform.GetDataAsync($"/api/admin/inbound/dead-letter?sourceId={sourceId}"))["items"]!.AsArray());

        await entry.PurgeAsync();
        await entry.PurgeAsync();
        Assert.Empty((await platform.GetDataAsync($"/api/admin/inbound/dead-letter?sourceId={sourceId}"))["items"]!.AsArray());
        Assert.Null(await platform.Grains.GetGrain<IInboundDeadLetterGrain>(failure.Id).GetAsync());
        Assert.Equal(before - 1, await count.CountAsync());
    }

    [Fact]
    public async Task AnInboundEntryThatFailsAgainMovesToItsNewTime()
    {
        var sourceId = "src-move-" + Guid.NewGuid().ToString("N")[..6];
        var first = new InboundDeadLetter { Id = "msg_move_" + sourceId, SourceId = sourceId, Provider = "github", ErrorCode = "PROCESSING_ERROR", FailedAt = Day0, CreatedAt = Day0, UpdatedAt = Day0 };
        var other = first with { Id = "msg_other_" + sourceId, FailedAt = Day0.AddHours(1) };
        await platform.Grains.GetGrain<IInboundDeadLetterInternalGrain>(first.Id).ArchiveAsync(first);
        await platform.Grains.GetGrain<IInboundDeadLetterInternalGrain>(other.Id).ArchiveAsync(other);
        await platform.Grains.GetGrain<IInboundDeadLetterInternalGrain>(first.Id).ArchiveAsync(first with { FailedAt = Day0.AddDays(1) });

        var listed = await platform.GetDataAsync($"/api/admin/inbound/dead-letter?sourceId={sourceId}");
        Assert.Equal([first.Id, other.Id], listed["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
        Assert.Equal(2, (await platform.Grains.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.OfSource(sourceId)).GetCountsAsync()).Listed);
    }

    [Fact]
    public async Task ListingsOverManyPagesAreExactInEveryScope()
    {
        // 1,300 entries over three endpoints of two applications and two days: more than one page per bucket.
        var run = Guid.NewGuid().ToString("N")[..6];
        string[] endpoints = [$"ep_a_{run}", $"ep_b_{run}", $"ep_c_{run}"];
        string[] apps = [$"app1-{run}", $"app1-{run}", $"app2-{run}"];
        var entries = Enumerable.Range(0, 1300).Select(i =>
        {
            var e = i % 3;
            return Entry($"evt_{run}_{i:D4}:{endpoints[e]}", endpoints[e], apps[e], i % 10 == 0 ? $"rare.{run}" : $"t.{run}", Day0.AddMinutes(i * 1.5));
        }).ToList();
        foreach (var slice in entries.Chunk(100))
        {
            await Task.WhenAll(slice.Select(e => platform.Grains.GetGrain<IDeadLetterInternalGrain>(e.Id).ArchiveAsync(e)));
        }

        Assert.Equal(entries.Count, (await platform.Grains.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.OfApplication(apps[0])).GetCountsAsync()).Listed
            + (await platform.Grains.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.OfApplication(apps[2])).GetCountsAsync()).Listed);
        Assert.Contains(await platform.Grains.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.OfApplication(apps[0])).GetBucketsAsync(), b => b.Pages.Length > 1);

        static List<string> Newest(IEnumerable<DeadLetterEntry> matching) => [.. matching.OrderByDescending(e => e.FailedAt).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id)];
        var from = Day0.AddHours(10);
        var to = Day0.AddHours(26);
        var cases = new (string Query, List<string> Expected)[]
        {
            ($"applicationId={apps[0]}", Newest(entries.Where(e => e.ApplicationId == apps[0]))),
            ($"webhookConfigId={endpoints[2]}", Newest(entries.Where(e => e.EndpointId == endpoints[2]))),
            ($"webhookConfigId={endpoints[1]}&eventType=rare.{run}", Newest(entries.Where(e => e.EndpointId == endpoints[1] && e.EventType == $"rare.{run}"))),
            ($"applicationId={apps[0]}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}",
                Newest(entries.Where(e => e.ApplicationId == apps[0] && e.FailedAt >= from && e.FailedAt <= to))),
        };
        foreach (var (query, expected) in cases)
        {
            Assert.Equal(expected, await ListAllAsync(query));
        }

        // The whole queue holds other tests' entries too: this run's appear in order among them.
        var all = await ListAllAsync($"from={Uri.EscapeDataString(Day0.ToString("O"))}&to={Uri.EscapeDataString(Day0.AddDays(4).ToString("O"))}");
        Assert.Equal(Newest(entries), [.. all.Where(id => id.Contains(run, StringComparison.Ordinal))]);
    }

    [Fact]
    public async Task ABatchReplayTakesMoreThanAListingPageNewestFirstAndMarksEachReplayed()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/batch-replay"), type);
        var run = Guid.NewGuid().ToString("N")[..6];
        var entries = Enumerable.Range(0, 250).Select(i => Entry($"evt_batch_{run}_{i:D3}:{endpointId}", endpointId, "default", type, Day0.AddDays(2).AddSeconds(i))).ToList();
        foreach (var slice in entries.Chunk(50))
        {
            await Task.WhenAll(slice.Select(e => platform.Grains.GetGrain<IDeadLetterInternalGrain>(e.Id).ArchiveAsync(e)));
        }

        var batch = await platform.PostDataAsync($"{Dlq}/replay?webhookConfigId={endpointId}&limit=1000");

        Assert.Equal((250, 250, 0), (batch["total"]!.GetValue<int>(), batch["replayed"]!.GetValue<int>(), batch["failed"]!.GetValue<int>()));
        Assert.Equal(entries.OrderByDescending(e => e.FailedAt).Select(e => e.Id), batch["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        var stored = await Task.WhenAll(entries.Select(e => platform.Grains.GetGrain<IDeadLetterGrain>(e.Id).GetAsync()));
        Assert.All(stored, e => Assert.NotNull(e!.ReplayedAt));
        Assert.Equal(0, (await platform.PostDataAsync($"{Dlq}/replay?webhookConfigId={endpointId}&limit=1000"))["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/api/admin/webhooks/dead-letter-queue/replay?limit=1001")]
    [InlineData("/api/admin/webhooks/dead-letter-queue/replay?limit=0")]
    [InlineData("/api/admin/inbound/dead-letter/replay?limit=1001")]
    public async Task ABatchReplayAboveAThousandOrBelowOneAnswers400(string path) =>
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsync(path, null), "limit");

    private async Task<List<string>> ListAllAsync(string query)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await platform.GetDataAsync($"{Dlq}?{query}&limit=100" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            ids.AddRange(page["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return ids;
    }

    private Task<DeadLetterCounts> AllCountsAsync() => platform.Grains.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.All).GetCountsAsync();

    internal static DeadLetterEntry Entry(string id, string endpointId, string applicationId, string eventType, DateTimeOffset failedAt) => new()
    {
        Id = id,
        EventId = id.Split(':')[0],
        EndpointId = endpointId,
        ApplicationId = applicationId,
        EventType = eventType,
        Url = "https://receiver.example/hook",
        Payload = """{"n":1}""",
        Status = 500,
        Attempts = 7,
        FailedAt = failedAt,
        CreatedAt = failedAt,
        UpdatedAt = failedAt,
    };
}
