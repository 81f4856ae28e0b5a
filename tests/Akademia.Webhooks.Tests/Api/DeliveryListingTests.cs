using System.Net;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>An endpoint's deliveries, newest first and paged; one delivery with its attempts.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class DeliveryListingTests(PlatformFixture platform) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task DeliveriesAreListedNewestFirstInPagesThatDoNotOverlap()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        var published = await PublishInOrderAsync(type, endpointId, 7);
        var newestFirst = published.AsEnumerable().Reverse().ToList();

        var first = await PageAsync(endpointId, "limit=3");
        var second = await PageAsync(endpointId, $"limit=3&cursor={Uri.EscapeDataString(first.NextCursor!)}");
        var third = await PageAsync(endpointId, $"limit=3&cursor={Uri.EscapeDataString(second.NextCursor!)}");

        Assert.Equal(newestFirst[..3], Ids(first.Items));
        Assert.Equal(newestFirst[3..6], Ids(second.Items));
        Assert.Equal(newestFirst[6..], Ids(third.Items));
        Assert.NotNull(first.NextCursor);
        Assert.NotNull(second.NextCursor);
        Assert.Null(third.NextCursor);
        var all = first.Items.Concat(second.Items).Concat(third.Items).ToList();
        Assert.Equal(7, Ids(all).Distinct().Count());
        var createdAt = all.Select(d => d["createdAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(createdAt.OrderDescending(), createdAt);
    }

    [Theory]
    [InlineData(20)] // pages end exactly where a sealed segment (50) or the open one (20) ends
    [InlineData(30)]
    [InlineData(100)]
    public async Task PagesAcrossSealedSegmentsHaveNoGapsOrRepeats(int limit)
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        var published = await PublishInOrderAsync(type, endpointId, 120);

        var listed = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await PageAsync(endpointId, $"limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.True(page.Items.Count <= limit);
            listed.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && listed.Count <= published.Count);

        Assert.Equal(published.AsEnumerable().Reverse(), Ids(listed));
    }

    [Theory]
    [InlineData("", 7)]
    [InlineData("limit=7", 7)]
    [InlineData("limit=100", 7)]
    [InlineData("limit=1", 1)]
    public async Task OnePageHoldsUpToLimitDeliveries(string query, int expected)
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        var published = await PublishInOrderAsync(type, endpointId, 7);

        var page = await PageAsync(endpointId, query);

        Assert.Equal(published.AsEnumerable().Reverse().Take(expected), Ids(page.Items));
        Assert.Equal(expected == 7, page.NextCursor is null);
    }

    [Fact]
    public async Task PageOfExactlyTheRemainingDeliveriesHasNoNextCursor()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        var published = await PublishInOrderAsync(type, endpointId, 6);

        var first = await PageAsync(endpointId, "limit=3");
        var second = await PageAsync(endpointId, $"limit=3&cursor={Uri.EscapeDataString(first.NextCursor!)}");

        Assert.Equal(published.AsEnumerable().Reverse().Skip(3), Ids(second.Items));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task ReDrivenDeliveryListedInASealedSegmentIsNotListedAgain()
    {
        // 120 entries: two sealed segments of 50 and an open one of 20.
        var log = platform.Grains.GetGrain<Akademia.Webhooks.Grains.Deliveries.IDeliveryLogGrain>($"log-{Guid.NewGuid():N}");
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 120; i++)
        {
            await log.AppendAsync(new(DeliveryId(i), start.AddMilliseconds(i)));
        }

        // A re-drive after a crash, of a delivery first listed in the oldest sealed segment, one in
        // the newest sealed segment, one in the open segment; and of one never listed.
        await log.AppendOnceAsync(new(DeliveryId(3), DateTimeOffset.UtcNow), notBefore: start.AddMilliseconds(3));
        await log.AppendOnceAsync(new(DeliveryId(77), DateTimeOffset.UtcNow), notBefore: start.AddMilliseconds(77));
        await log.AppendOnceAsync(new(DeliveryId(110), DateTimeOffset.UtcNow), notBefore: start.AddMilliseconds(110));
        await log.AppendOnceAsync(new(DeliveryId(120), DateTimeOffset.UtcNow), notBefore: start.AddMilliseconds(120));

        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var (entries, next) = await log.ReadAsync(100, cursor);
            listed.AddRange(entries.Select(e => e.DeliveryId));
            cursor = next;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 121).Reverse().Select(DeliveryId), listed);

        static string DeliveryId(int i) => $"evt-{i}:ep_log";
    }

    [Fact]
    public async Task EndpointWithoutDeliveriesHasAnEmptyPage()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        var page = await PageAsync(endpointId, "");

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task DeliveryIsReadWithEveryAttempt()
    {
        var type = await platform.NewEventTypeAsync();
        var calls = 0;
        _receiver.Behaviour = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? (503, "busy") : (200, "thanks"));
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        var eventId = "evt-attempts-" + Guid.NewGuid().ToString("N");
        var deliveryId = $"{eventId}:{endpointId}";

        await platform.PublishAsync(new { id = eventId, type, data = new { n = 1 } });
        await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.Delivered);
        var delivery = await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/deliveries/{deliveryId}"), HttpStatusCode.OK);

        Assert.Equal(deliveryId, delivery["id"]!.GetValue<string>());
        Assert.Equal(eventId, delivery["eventId"]!.GetValue<string>());
        Assert.Equal(endpointId, delivery["endpointId"]!.GetValue<string>());
        Assert.Equal(type, delivery["eventType"]!.GetValue<string>());
        Assert.Equal(deliveryId, delivery["webhookId"]!.GetValue<string>());
        Assert.Equal("delivered", delivery["status"]!.GetValue<string>());
        Assert.Null(delivery["nextAttemptAt"]);
        var attempts = delivery["attempts"]!.AsArray();
        Assert.Equal(2, attempts.Count);
        Assert.Equal([1, 2], attempts.Select(a => a!["number"]!.GetValue<int>()));
        Assert.Equal([503, 200], attempts.Select(a => a!["statusCode"]!.GetValue<int>()));
        Assert.Equal(["busy", "thanks"], attempts.Select(a => a!["responseBody"]!.GetValue<string>()));
        Assert.Equal([false, true], attempts.Select(a => a!["succeeded"]!.GetValue<bool>()));
        Assert.Equal("HTTP 503", attempts[0]!["errorMessage"]!.GetValue<string>());
        Assert.Null(attempts[1]!["errorMessage"]);
        Assert.All(attempts, a => Assert.Equal(_receiver.Url(), a!["url"]!.GetValue<string>()));
        Assert.True(attempts[1]!["startedAt"]!.GetValue<DateTimeOffset>() > attempts[0]!["startedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(2, _receiver.Received.Count);

        var listed = Assert.Single((await PageAsync(endpointId, "")).Items);
        Assert.Equal(delivery.ToJsonString(), listed.ToJsonString());
    }

    /// <summary>Publishes one event at a time, each delivered before the next, so their order is known.</summary>
    private async Task<List<string>> PublishInOrderAsync(string type, string endpointId, int count)
    {
        var deliveryIds = new List<string>();
        var run = Guid.NewGuid().ToString("N");
        for (var i = 0; i < count; i++)
        {
            var eventId = $"evt-page-{run}-{i}";
            await platform.PublishAsync(new { id = eventId, type, data = new { i } });
            var delivery = await platform.WaitForDeliveryAsync($"{eventId}:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
            deliveryIds.Add(delivery.Id);
        }

        return deliveryIds;
    }

    private async Task<(List<JsonNode> Items, string? NextCursor)> PageAsync(string endpointId, string query)
    {
        var data = await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/webhooks/{endpointId}/deliveries?{query}"), HttpStatusCode.OK);
        Assert.Equal(["items", "nextCursor"], data.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        return (data["items"]!.AsArray().Select(n => n!).ToList(), data["nextCursor"]?.GetValue<string>());
    }

    private static List<string> Ids(IEnumerable<JsonNode> items) => items.Select(d => d["id"]!.GetValue<string>()).ToList();
}
