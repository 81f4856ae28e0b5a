using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>
/// Failing receivers are failed over, reported to operators and finally disabled; nothing is dropped.
/// A cluster of its own: its operator endpoints subscribe to the platform's operational events.
/// </summary>
public sealed class AdaptiveControlTests(PlatformFixture platform) : IClassFixture<PlatformFixture>, IAsyncLifetime
{
    private static readonly string[] OperationalTypes =
        ["webhook.endpoint.failing", "webhook.delivery.exhausted", "webhook.endpoint.recovered", "webhook.endpoint.disabled"];

    private WebhookReceiver _receiver = null!;
    private WebhookReceiver _operator = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _operator = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        // The tests share this cluster, and each one's receivers stop here: its endpoints go too, or
        // their failures would be announced to the "*" subscriber of a later test.
        foreach (var endpoint in (await platform.GetDataAsync("/api/webhooks")).AsArray())
        {
            await platform.Http.DeleteAsync($"/api/webhooks/{endpoint!["id"]!.GetValue<string>()}");
        }

        await _receiver.DisposeAsync();
        await _operator.DisposeAsync();
    }

    [Fact]
    public async Task GoneDisablesTheEndpointAndEnablingResumesItsPendingDeliveries()
    {
        await platform.CreateEndpointAsync(_operator.Url("/ops"), OperationalTypes);
        var calls = 0;
        _receiver.Behaviour = (request, _) => Task.FromResult(Interlocked.Increment(ref calls) switch
        {
            1 => (500, "busy"),
            2 => (410, "gone"),
            _ => (200, "back"),
        });
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/gone"), type);

        await platform.PublishAsync(new { id = "gone-pending", type, data = new { } });
        await platform.WaitForDeliveryAsync($"gone-pending:{endpointId}", d => d.Attempts.Length == 1);
        await platform.PublishAsync(new { id = "gone-final", type, data = new { } });

        var gone = await platform.WaitForDeliveryAsync($"gone-final:{endpointId}", d => d.Status == DeliveryStatus.DeadLettered);
        Assert.Equal(410, Assert.Single(gone.Attempts).StatusCode);
        var endpoint = await platform.GetDataAsync($"/api/webhooks/{endpointId}");
        Assert.False(endpoint["active"]!.GetValue<bool>());
        Assert.Contains("410", endpoint["disabledReason"]!.GetValue<string>(), StringComparison.Ordinal);

        // Disabled: the pending delivery stays pending and gets no attempts while its ticks come and go.
        await OperatorReceivesAsync("webhook.endpoint.disabled", endpointId);
        var paused = await platform.WaitForDeliveryAsync($"gone-pending:{endpointId}", d => d.NextAttemptAt > d.UpdatedAt);
        Assert.Equal(DeliveryStatus.Pending, paused.Status);
        Assert.Single(paused.Attempts);
        Assert.Equal(2, _receiver.Received.Count);

        var enabled = await platform.PostDataAsync($"/api/webhooks/{endpointId}/enable");
        Assert.True(enabled["active"]!.GetValue<bool>());
        Assert.Null(enabled["disabledReason"]);
        var resumed = await platform.WaitForDeliveryAsync($"gone-pending:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal([500, 200], resumed.Attempts.Select(a => a.StatusCode!.Value));
    }

    [Fact]
    public async Task OperatorsHearOfAFailingEndpointItsExhaustedDeliveryAndItsRecovery()
    {
        await platform.CreateEndpointAsync(_operator.Url("/ops"), OperationalTypes);
        _receiver.RespondWith(500);
        var type = await platform.NewEventTypeAsync();
        // The failing endpoint subscribes to everything, operational events included: it must not get news of itself.
        var (failing, _) = await platform.CreateEndpointAsync(_receiver.Url("/failing"), "*");
        await PlatformFixture.ReadJsonAsync(await platform.Http.PutAsJsonAsync($"/api/webhooks/{failing}", new
        {
            events = new[] { "*" },
            retryPolicy = new { strategy = "linear", baseDelaySeconds = 0.5, maxAttempts = 5, jitterFactor = 0 },
        }), HttpStatusCode.OK);

        await platform.PublishAsync(new { id = "ops-1", type, data = new { } });
        var exhausted = await platform.WaitForDeliveryAsync($"ops-1:{failing}", d => d.Status == DeliveryStatus.DeadLettered);
        Assert.Equal(5, exhausted.Attempts.Length);

        var failingEvent = await OperatorReceivesAsync("webhook.endpoint.failing", failing);
        Assert.Equal(4, failingEvent["data"]!["consecutiveFailures"]!.GetValue<int>());
        var exhaustedEvent = await OperatorReceivesAsync("webhook.delivery.exhausted", failing);
        Assert.Equal($"ops-1:{failing}", exhaustedEvent["data"]!["deliveryId"]!.GetValue<string>());

        _receiver.RespondWith(200);
        await platform.PublishAsync(new { id = "ops-2", type, data = new { } });
        await platform.WaitForDeliveryAsync($"ops-2:{failing}", d => d.Status == DeliveryStatus.Delivered);
        await OperatorReceivesAsync("webhook.endpoint.recovered", failing);

        Assert.All(_receiver.Received, r => Assert.DoesNotContain("webhook.", JsonNode.Parse(r.Body)!["type"]!.GetValue<string>(), StringComparison.Ordinal));
        var health = await platform.GetDataAsync($"/api/webhooks/{failing}/health");
        Assert.Equal(0, health["consecutiveFailures"]!.GetValue<int>());
        Assert.Equal(6, health["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task FailoverTakesTheTrafficWhileThePrimaryIsDownAndGivesItBackAfterRecovery()
    {
        var failover = await WebhookReceiver.StartAsync();
        await using var _ = failover;
        _receiver.RespondWith(503);
        var type = await platform.NewEventTypeAsync();
        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new
        {
            url = _receiver.Url("/primary"),
            failoverUrl = failover.Url("/failover"),
            events = new[] { type },
            sla = new { minAvailability = 99.0, maxResponseTimeMs = 1000 },
        });
        var created = await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.Created);
        var endpointId = created["data"]!["id"]!.GetValue<string>();
        var secret = created["data"]!["secret"]!.GetValue<string>();

        // Five failures open the primary's breaker; from then on attempts go to the failover.
        for (var i = 0; i < 5; i++)
        {
            await platform.PublishAsync(new { id = $"fo-{i}", type, data = new { i } });
            await platform.WaitForDeliveryAsync($"fo-{i}:{endpointId}", d => d.Attempts.Length >= 1);
        }

        await platform.PublishAsync(new { id = "fo-open", type, data = new { } });
        var viaFailover = await platform.WaitForDeliveryAsync($"fo-open:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(failover.Url("/failover"), viaFailover.Attempts[^1].Url);
        Assert.Contains(failover.Received, r => TestSignatures.StandardSignatureIsValid(r, secret) && r.Header("webhook-id") == $"fo-open:{endpointId}");
        var health = await platform.GetDataAsync($"/api/webhooks/{endpointId}/health");
        Assert.False(health["slaCompliant"]!.GetValue<bool>());
        Assert.Equal("open", health["circuitBreaker"]!["state"]!.GetValue<string>());

        // The primary recovers: once its breaker lets a probe through and it succeeds, traffic returns.
        _receiver.RespondWith(200);
        await Eventually.HoldsAsync(async () =>
        {
            await platform.PublishAsync(new { id = $"fo-probe-{Guid.NewGuid():N}", type, data = new { } });
            return (await platform.GetDataAsync($"/api/webhooks/{endpointId}"))["circuitBreaker"]!["state"]!.GetValue<string>() == "closed";
        }, TimeSpan.FromSeconds(20), () => "the primary's breaker did not close");
        await platform.PublishAsync(new { id = "fo-back", type, data = new { } });
        var back = await platform.WaitForDeliveryAsync($"fo-back:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(_receiver.Url("/primary"), back.Attempts[^1].Url);
    }

    private async Task<JsonNode> OperatorReceivesAsync(string type, string endpointId)
    {
        JsonNode? found = null;
        await Eventually.HoldsAsync(() =>
        {
            found = _operator.Received
                .Select(r => JsonNode.Parse(r.Body)!)
                .FirstOrDefault(e => e["type"]!.GetValue<string>() == type && e["data"]!["endpointId"]!.GetValue<string>() == endpointId);
            return Task.FromResult(found is not null);
        }, TimeSpan.FromSeconds(20), () => $"no {type} for {endpointId}; operator got {_operator.Received.Count} events");
        return found!;
    }
}
