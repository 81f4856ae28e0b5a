using Akademia.Webhooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Durability;

/// <summary>Two silos on Redis; one is killed while deliveries are mid-ladder.</summary>
[Trait("Category", "Redis")]
public sealed class SiloCrashTests(TwoSiloRedisFixture platform, ITestOutputHelper output) : IClassFixture<TwoSiloRedisFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task KillingASiloMidLadderLosesNoDelivery()
    {
        // Each webhook-id fails its first two attempts, then succeeds.
        const int failuresEach = 2;
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        _receiver.Behaviour = (request, _) =>
            Task.FromResult(seen.AddOrUpdate(request.Header("webhook-id"), 1, (_, n) => n + 1) <= failuresEach ? (500, "not yet") : (200, "ok"));
        var type = await platform.NewEventTypeAsync();
        var (first, _) = await platform.CreateEndpointAsync(_receiver.Url("/one"), type);
        var (second, _) = await platform.CreateEndpointAsync(_receiver.Url("/two"), type);

        const int events = 30;
        for (var i = 0; i < events; i++)
        {
            await platform.PublishAsync(new { id = $"crash-{i}", type, data = new { i } });
        }

        var deliveryIds = Enumerable.Range(0, events).SelectMany(i => new[] { $"crash-{i}:{first}", $"crash-{i}:{second}" }).ToArray();
        await Eventually.HoldsAsync(
            async () => (await Task.WhenAll(deliveryIds.Select(id => platform.Grains.GetGrain<IDeliveryGrain>(id).GetAsync()))).All(d => d?.Attempts.Length >= 1),
            TimeSpan.FromSeconds(30), () => "not every delivery made its first attempt");

        var victim = platform.Cluster.SecondarySilos[0];
        await platform.Cluster.KillSiloAsync(victim);
        var killedAt = DateTimeOffset.UtcNow;

        var outcomes = new Dictionary<string, Delivery>();
        foreach (var id in deliveryIds)
        {
            outcomes[id] = await platform.WaitForDeliveryAsync(id, d => d.Status is DeliveryStatus.Delivered or DeliveryStatus.DeadLettered, TimeSpan.FromSeconds(120));
        }

        var recoveredIn = DateTimeOffset.UtcNow - killedAt;
        var posts = _receiver.Received.GroupBy(r => r.Header("webhook-id")).ToDictionary(g => g.Key, g => g.Count());
        var duplicates = posts.Sum(p => Math.Max(0, p.Value - (failuresEach + 1)));
        output.WriteLine($"deliveries: {deliveryIds.Length}, delivered: {outcomes.Values.Count(d => d.Status == DeliveryStatus.Delivered)}, " +
            $"dead-lettered: {outcomes.Values.Count(d => d.Status == DeliveryStatus.DeadLettered)}, lost: 0, POSTs: {_receiver.Received.Count}, " +
            $"duplicate POSTs per webhook-id: {duplicates}, all settled {recoveredIn.TotalSeconds:0.0} s after the kill");

        Assert.Equal(deliveryIds.Length, outcomes.Count);
        Assert.All(outcomes.Values, d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        Assert.Equal(deliveryIds.Length, posts.Count);
        Assert.All(posts.Values, n => Assert.True(n >= failuresEach + 1));
    }
}
