using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>
/// Alone on its cluster, because it counts every pending delivery that manual processing starts.
/// </summary>
public sealed class SharedBreakerTests(ManualRetryFixture platform) : IClassFixture<ManualRetryFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task BreakerSharedByTwoEndpointsOpensHalfOpensWithOneProbeAndCloses()
    {
        _receiver.RespondWith(500);
        var typeA = await platform.NewEventTypeAsync();
        var typeB = await platform.NewEventTypeAsync();
        var url = _receiver.Url("/shared");
        var (a, _) = await platform.CreateEndpointAsync(url, typeA);
        var (b, _) = await platform.CreateEndpointAsync(url + "?tenant=b", typeB);

        // Five consecutive failures across both endpoints open the one breaker of the URL.
        string[] first = ["brk-1", "brk-2", "brk-3"];
        string[] second = ["brk-4", "brk-5"];
        foreach (var id in first)
        {
            await platform.PublishAsync(new { id, type = typeA, data = new { } });
            await platform.WaitForDeliveryAsync($"{id}:{a}", d => d.Attempts.Length == 1);
        }

        foreach (var id in second)
        {
            await platform.PublishAsync(new { id, type = typeB, data = new { } });
            await platform.WaitForDeliveryAsync($"{id}:{b}", d => d.Attempts.Length == 1);
        }

        Assert.Equal("open", (await platform.GetDataAsync($"/api/webhooks/{a}"))["circuitBreaker"]!["state"]!.GetValue<string>());
        Assert.Equal("open", (await platform.GetDataAsync($"/api/webhooks/{b}"))["circuitBreaker"]!["state"]!.GetValue<string>());

        // While open, an attempt fails at once, without a request.
        await platform.PublishAsync(new { id = "brk-6", type = typeB, data = new { } });
        var rejected = await platform.WaitForDeliveryAsync($"brk-6:{b}", d => d.Attempts.Length == 1);
        Assert.Equal("CIRCUIT_BREAKER_OPEN", rejected.Attempts[0].ErrorCode);
        Assert.Equal(DeliveryStatus.Pending, rejected.Status);
        Assert.Equal(5, _receiver.Received.Count);

        // After the open period exactly one probe goes through; it is held until the others were refused.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Behaviour = async (_, cancel) =>
        {
            await release.Task.WaitAsync(cancel);
            return (200, "ok");
        };
        await Eventually.HoldsAsync(
            async () => (await platform.GetDataAsync($"/api/webhooks/{a}"))["circuitBreaker"]!["state"]!.GetValue<string>() == "half_open",
            TimeSpan.FromSeconds(10), () => "the breaker did not become half-open");

        var processed = await platform.PostDataAsync("/api/admin/webhooks/process?force=true");
        Assert.Equal(6, processed["processed"]!.GetValue<int>());
        var all = first.Select(id => $"{id}:{a}").Concat(second.Select(id => $"{id}:{b}")).Append($"brk-6:{b}").ToArray();
        await _receiver.WaitForRequestsAsync(6);
        await Eventually.HoldsAsync(async () =>
        {
            var deliveries = await Task.WhenAll(all.Select(id => platform.Grains.GetGrain<IDeliveryGrain>(id).GetAsync()));
            return deliveries.Count(d => d!.Attempts[^1].ErrorCode == "CIRCUIT_BREAKER_OPEN" && d.Attempts.Length >= 2) == 5;
        }, TimeSpan.FromSeconds(10), () => "the other five were not refused");
        Assert.Equal(6, _receiver.Received.Count);

        release.SetResult();
        await Eventually.HoldsAsync(
            async () => (await platform.GetDataAsync($"/api/webhooks/{b}"))["circuitBreaker"]!["state"]!.GetValue<string>() == "closed",
            TimeSpan.FromSeconds(10), () => "the breaker did not close after the probe succeeded");

        // Closed again: the rest go through.
        await platform.PostDataAsync("/api/admin/webhooks/process?force=true");
        foreach (var id in all)
        {
            await platform.WaitForDeliveryAsync(id, d => d.Status == DeliveryStatus.Delivered);
        }

        Assert.Equal(11, _receiver.Received.Count);
    }
}
