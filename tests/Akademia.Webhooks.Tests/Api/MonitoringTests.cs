using System.Net;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// Alone on its cluster: the monitor and health describe the whole cluster, so other tests' traffic
/// would change the figures asserted here.
/// </summary>
public sealed class MonitoringTests(PlatformFixture platform) : IClassFixture<PlatformFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task MonitorCountsMatchTheDeliveriesMadeAndHealthDegradesWhenDeliveriesFail()
    {
        var healthy = await PlatformFixture.ReadJsonAsync(await platform.AnonymousClient().GetAsync("/api/health"), HttpStatusCode.OK);
        Assert.Equal("healthy", healthy["data"]!["status"]!.GetValue<string>());
        Assert.Equal("healthy", healthy["data"]!["systemHealth"]!["webhook"]!.GetValue<string>());
        Assert.Equal("CLOSED (healthy)", healthy["data"]!["systemHealth"]!["circuitBreaker"]!.GetValue<string>());
        Assert.Equal("healthy", healthy["data"]!["systemHealth"]!["rateLimiting"]!.GetValue<string>());
        Assert.Equal("healthy", healthy["data"]!["systemHealth"]!["storage"]!["status"]!.GetValue<string>());
        Assert.Equal(1, healthy["data"]!["systemHealth"]!["cluster"]!["activeSilos"]!.GetValue<int>());

        var monitorGrain = platform.Grains.GetGrain<IIntegrationMonitorGrain>(IIntegrationMonitorGrain.Key);
        var before = (await monitorGrain.GetAsync()).Webhooks;
        var type = await platform.NewEventTypeAsync();
        var (ok, _) = await platform.CreateEndpointAsync(_receiver.Url("/ok"), type);
        var (failing, _) = await platform.CreateEndpointAsync($"http://127.0.0.1:{PlatformFixture.UnusedPort()}/down", type);

        // 3 events to 2 endpoints: 3 deliveries succeed at once; 3 fail their first attempt.
        for (var i = 0; i < 3; i++)
        {
            await platform.PublishAsync(new { id = $"mon-{i}", type, data = new { i } });
        }

        for (var i = 0; i < 3; i++)
        {
            await platform.WaitForDeliveryAsync($"mon-{i}:{ok}", d => d.Status == DeliveryStatus.Delivered);
            await platform.WaitForDeliveryAsync($"mon-{i}:{failing}", d => d.Attempts.Length >= 1);
        }

        // Silos report once a second; wait until the first attempts are all counted.
        WebhookMonitor? webhooks = null;
        await Eventually.HoldsAsync(async () =>
        {
            webhooks = (await monitorGrain.GetAsync()).Webhooks;
            return webhooks.TotalDeliveries - before.TotalDeliveries == 6 && webhooks.SuccessfulDeliveries - before.SuccessfulDeliveries == 3;
        }, TimeSpan.FromSeconds(15), () => $"monitor: {System.Text.Json.JsonSerializer.Serialize(webhooks)}");

        var monitor = await platform.GetDataAsync("/api/admin/monitor");
        Assert.Equal(3, monitor["webhooks"]!["totalEvents"]!.GetValue<long>() - before.TotalEvents);
        Assert.Equal(6, monitor["webhooks"]!["totalDeliveries"]!.GetValue<long>() - before.TotalDeliveries);
        Assert.Equal(3, monitor["webhooks"]!["successfulDeliveries"]!.GetValue<long>() - before.SuccessfulDeliveries);
        Assert.True(monitor["webhooks"]!["averageDeliveryTimeMs"]!.GetValue<double>() > 0);
        var errors = monitor["errors"]!;
        Assert.True(errors["total"]!.GetValue<long>() >= 3);
        Assert.True(errors["byCode"]!["NETWORK_ERROR"]!.GetValue<long>() >= 3);
        Assert.All(errors["recent"]!.AsArray(), e => Assert.Equal(failing, e!["endpoint"]!.GetValue<string>()));

        // Half the recent attempts failed: below 80 % is unhealthy deliveries, a degraded platform.
        var degraded = await PlatformFixture.ReadJsonAsync(await platform.AnonymousClient().GetAsync("/api/health"), HttpStatusCode.OK);
        Assert.Equal("degraded", degraded["data"]!["status"]!.GetValue<string>());
        Assert.Equal("unhealthy", degraded["data"]!["systemHealth"]!["webhook"]!.GetValue<string>());
        Assert.True(degraded["data"]!["systemHealth"]!["webhookSuccessRate"]!.GetValue<double>() < 80);
    }
}

/// <summary>On a cluster of its own, so that its deliveries do not show in the monitor figures above.</summary>
public sealed class MetricsTests(PlatformFixture platform) : IClassFixture<PlatformFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task MetricsExposeTheNamedInstruments()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/metrics-check"), type);
        await platform.PublishAsync(new { id = "metrics-1", type, data = new { } });
        await platform.WaitForDeliveryAsync($"metrics-1:{endpointId}", d => d.Status == DeliveryStatus.Delivered);

        var response = await platform.AnonymousClient().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var name in new[]
        {
            "akademia_events_published_total",
            "akademia_delivery_attempts_total{",
            "akademia_delivery_attempt_duration_milliseconds_bucket",
            "akademia_delivery_latency_milliseconds_bucket",
            "akademia_ratelimit_requests_total{",
        })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

        Assert.Contains("outcome=\"success\"", text, StringComparison.Ordinal);
        // Orleans' own meters (messaging, reminders, storage, activations) are exported beside the platform's.
        Assert.Contains("# TYPE orleans_messaging_", text, StringComparison.Ordinal);
    }
}
