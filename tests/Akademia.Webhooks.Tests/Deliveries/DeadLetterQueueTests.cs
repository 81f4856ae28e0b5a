using System.Net;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>The dead-letter queue, filled by the specification's ladder on a fake clock.</summary>
public sealed class DeadLetterQueueTests(FakeTimeLadderFixture platform) : IClassFixture<FakeTimeLadderFixture>, IAsyncLifetime
{
    private const string Dlq = "/api/admin/webhooks/dead-letter-queue";
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task DeadLettersAreListedFilteredDeletedAndReplayed()
    {
        _receiver.RespondWith(500);
        var typeX = await platform.NewEventTypeAsync("x");
        var typeY = await platform.NewEventTypeAsync("y");
        var (x, _) = await platform.CreateEndpointAsync(_receiver.Url("/x"), typeX);
        var (y, _) = await platform.CreateEndpointAsync(_receiver.Url("/y"), typeY);
        var before = platform.Clock.Time.GetUtcNow();
        await platform.PublishAsync(new { id = "dlq-x1", type = typeX, data = new { n = 1 } });
        await platform.PublishAsync(new { id = "dlq-x2", type = typeX, data = new { n = 2 } });
        await platform.PublishAsync(new { id = "dlq-y1", type = typeY, data = new { n = 3 } });
        await platform.DriveLadderAsync(_receiver, $"dlq-x1:{x}", $"dlq-x2:{x}", $"dlq-y1:{y}");

        var byEndpoint = await platform.GetDataAsync($"{Dlq}?webhookConfigId={x}");
        Assert.Equal([$"dlq-x2:{x}", $"dlq-x1:{x}"], byEndpoint["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).Order().Reverse());
        var byType = await platform.GetDataAsync($"{Dlq}?eventType={typeY}");
        Assert.Equal($"dlq-y1:{y}", Assert.Single(byType["items"]!.AsArray())!["id"]!.GetValue<string>());
        var future = Uri.EscapeDataString(platform.Clock.Time.GetUtcNow().AddMinutes(5).ToString("O"));
        Assert.Empty((await platform.GetDataAsync($"{Dlq}?webhookConfigId={x}&from={future}"))["items"]!.AsArray());
        var window = $"from={Uri.EscapeDataString(before.ToString("O"))}&to={future}";
        Assert.Equal(2, (await platform.GetDataAsync($"{Dlq}?webhookConfigId={x}&{window}"))["items"]!.AsArray().Count);

        // Paging: one per page, no overlap.
        var page1 = await platform.GetDataAsync($"{Dlq}?webhookConfigId={x}&limit=1");
        var cursor = page1["nextCursor"]!.GetValue<string>();
        var page2 = await platform.GetDataAsync($"{Dlq}?webhookConfigId={x}&limit=1&cursor={Uri.EscapeDataString(cursor)}");
        Assert.NotEqual(page1["items"]![0]!["id"]!.GetValue<string>(), page2["items"]![0]!["id"]!.GetValue<string>());
        Assert.Null(page2["nextCursor"]);

        // Soft delete: gone from the list, kept with includeDeleted.
        var deleted = await PlatformFixture.ReadJsonAsync(await platform.Http.DeleteAsync($"{Dlq}/dlq-x1:{x}"), HttpStatusCode.OK);
        Assert.NotNull(deleted["data"]!["deletedAt"]);
        Assert.Single((await platform.GetDataAsync($"{Dlq}?webhookConfigId={x}"))["items"]!.AsArray());
        Assert.Equal(2, (await platform.GetDataAsync($"{Dlq}?webhookConfigId={x}&includeDeleted=true"))["items"]!.AsArray().Count);
        Assert.NotNull((await platform.GetDataAsync($"{Dlq}/dlq-x1:{x}"))["deletedAt"]);

        // Replay one: a new delivery, the same event and webhook-id.
        _receiver.RespondWith(200);
        var replay = await platform.PostDataAsync($"{Dlq}/dlq-y1:{y}/replay");
        var replayDeliveryId = replay["deliveryId"]!.GetValue<string>();
        Assert.Equal($"dlq-y1:{y}:replay-1", replayDeliveryId);
        var replayed = await platform.WaitForDeliveryAsync(replayDeliveryId, d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal("dlq-y1", replayed.EventId);
        Assert.Equal($"dlq-y1:{y}", _receiver.Received[^1].Header("webhook-id"));
        var entry = await platform.GetDataAsync($"{Dlq}/dlq-y1:{y}");
        Assert.NotNull(entry["replayedAt"]);
        Assert.Equal(replayDeliveryId, entry["replayDeliveryId"]!.GetValue<string>());
        var listed = await platform.GetDataAsync($"/api/webhooks/{y}/deliveries");
        Assert.Contains(listed["items"]!.AsArray(), d => d!["id"]!.GetValue<string>() == replayDeliveryId);

        // Batch replay by filter: only undeleted entries of endpoint x.
        var batch = await platform.PostDataAsync($"{Dlq}/replay?webhookConfigId={x}&limit=10");
        Assert.Equal(1, batch["total"]!.GetValue<int>());
        Assert.Equal(1, batch["replayed"]!.GetValue<int>());
        Assert.Equal(0, batch["failed"]!.GetValue<int>());
        await platform.WaitForDeliveryAsync($"dlq-x2:{x}:replay-1", d => d.Status == DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task ReplayingToADeletedEndpointIsAConflict()
    {
        _receiver.RespondWith(410);
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/gone"), type);
        await platform.PublishAsync(new { id = "dlq-gone", type, data = new { } });
        // 410 is permanent: the first attempt dead-letters it.
        await platform.AttemptRecordedAsync(_receiver, $"dlq-gone:{endpointId}", 1);
        Assert.Equal(DeliveryStatus.DeadLettered, (await platform.Grains.GetGrain<IDeliveryGrain>($"dlq-gone:{endpointId}").GetAsync())!.Status);
        await platform.Http.DeleteAsync($"/api/webhooks/{endpointId}");

        var single = await PlatformFixture.ReadJsonAsync(await platform.Http.PostAsync($"{Dlq}/dlq-gone:{endpointId}/replay", null), HttpStatusCode.Conflict);
        Assert.Equal("CONFLICT", single["code"]!.GetValue<string>());
        var batch = await platform.PostDataAsync($"{Dlq}/replay?webhookConfigId={endpointId}");
        Assert.Equal(1, batch["failed"]!.GetValue<int>());
        Assert.Equal("CONFLICT", batch["results"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GrainClientCanListAndReplayTheQueue()
    {
        _receiver.RespondWith(500);
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/client"), type);
        await platform.Grains.GetGrain<IEventPublisherGrain>(0).PublishAsync(new PublishRequest { Id = "dlq-client", Type = type, Data = "{}" });
        await platform.DriveLadderAsync(_receiver, $"dlq-client:{endpointId}");

        var page = await platform.Grains.GetGrain<IDeadLetterQueueGrain>(IDeadLetterQueueGrain.Key).ListAsync(new DeadLetterQuery { EndpointId = endpointId });
        var entry = Assert.Single(page.Items);
        _receiver.RespondWith(200);
        var result = await platform.Grains.GetGrain<IDeadLetterGrain>(entry.Id).ReplayAsync();
        Assert.True(result.Success);
        await platform.WaitForDeliveryAsync(result.DeliveryId!, d => d.Status == DeliveryStatus.Delivered);
    }
}
