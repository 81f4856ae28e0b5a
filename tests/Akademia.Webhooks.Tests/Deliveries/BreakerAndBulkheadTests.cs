using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>
/// Runs on the specification's hour-long ladder, so that nothing retries by itself: attempts are
/// driven with <c>POST /api/admin/webhooks/process</c>, which makes breaker transitions exact.
/// </summary>
public sealed class BreakerAndBulkheadTests(ManualRetryFixture platform) : IClassFixture<ManualRetryFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task FailedProbeReopensTheBreaker()
    {
        _receiver.RespondWith(500);
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/reopen"), type);
        for (var i = 0; i < 5; i++)
        {
            await platform.PublishAsync(new { id = $"reopen-{i}", type, data = new { } });
            await platform.WaitForDeliveryAsync($"reopen-{i}:{endpointId}", d => d.Attempts.Length == 1);
        }

        await Eventually.HoldsAsync(
            async () => (await platform.GetDataAsync($"/api/webhooks/{endpointId}"))["circuitBreaker"]!["state"]!.GetValue<string>() == "half_open",
            TimeSpan.FromSeconds(10), () => "the breaker did not become half-open");
        await platform.PublishAsync(new { id = "reopen-probe", type, data = new { } });
        var probe = await platform.WaitForDeliveryAsync($"reopen-probe:{endpointId}", d => d.Attempts.Length == 1);

        Assert.Equal(500, probe.Attempts[0].StatusCode);
        var breaker = (await platform.GetDataAsync($"/api/webhooks/{endpointId}"))["circuitBreaker"]!;
        Assert.Equal("open", breaker["state"]!.GetValue<string>());
        Assert.Equal(6, _receiver.Received.Count);

        var reset = await platform.PostDataAsync($"/api/admin/webhooks/{endpointId}/circuit-breaker/reset");
        Assert.Equal("closed", reset["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task BulkheadCapsConcurrentAttemptsPerEndpointAndQueuesTheRest()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Behaviour = async (_, cancel) =>
        {
            await release.Task.WaitAsync(cancel);
            return (200, "ok");
        };
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/bulkhead"), type);

        var ids = Enumerable.Range(0, 12).Select(i => $"bulk-{i}").ToArray();
        await Task.WhenAll(ids.Select(id => platform.PublishAsync(new { id, type, data = new { } })));
        await _receiver.WaitForRequestsAsync(5);
        release.SetResult();

        foreach (var id in ids)
        {
            var delivery = await platform.WaitForDeliveryAsync($"{id}:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
            Assert.Single(delivery.Attempts);
        }

        Assert.Equal(12, _receiver.Received.Count);
        Assert.Equal(5, _receiver.MaxConcurrentRequests);
    }

    [Fact]
    public async Task SlowEndpointDoesNotDelayOthers()
    {
        var slow = await WebhookReceiver.StartAsync();
        await using var _ = slow;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slow.Behaviour = async (_, cancel) =>
        {
            await release.Task.WaitAsync(cancel);
            return (200, "ok");
        };
        var slowType = await platform.NewEventTypeAsync();
        var fastType = await platform.NewEventTypeAsync();
        var (slowId, _) = await platform.CreateEndpointAsync(slow.Url("/slow"), slowType);
        var (fastId, _) = await platform.CreateEndpointAsync(_receiver.Url("/fast"), fastType);

        for (var i = 0; i < 10; i++)
        {
            await platform.PublishAsync(new { id = $"hol-slow-{i}", type = slowType, data = new { } });
        }

        await slow.WaitForRequestsAsync(5);
        await platform.PublishAsync(new { id = "hol-fast", type = fastType, data = new { } });

        await platform.WaitForDeliveryAsync($"hol-fast:{fastId}", d => d.Status == DeliveryStatus.Delivered);
        var slowDeliveries = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => platform.Grains.GetGrain<IDeliveryGrain>($"hol-slow-{i}:{slowId}").GetAsync()));
        Assert.All(slowDeliveries, d => Assert.Empty(d!.Attempts));
        release.SetResult();
    }
}
