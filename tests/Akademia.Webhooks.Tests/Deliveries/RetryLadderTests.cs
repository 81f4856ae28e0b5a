using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

public sealed class RetryLadderTests(LadderFixture platform) : IClassFixture<LadderFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task FailedDeliveryIsRetriedThroughTheLadderThenDeadLettered()
    {
        _receiver.RespondWith(500, "boom");
        var type = await platform.NewEventTypeAsync();
        var (endpointId, secret) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        await platform.PublishAsync(new { id = "evt-ladder", type, data = new { n = 1 } });

        var deliveryId = $"evt-ladder:{endpointId}";
        var delivery = await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.DeadLettered, TimeSpan.FromSeconds(60));
        Assert.Equal(7, delivery.Attempts.Length);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], delivery.Attempts.Select(a => a.Number));
        Assert.All(delivery.Attempts, a => Assert.Equal(500, a.StatusCode));

        // Seven POSTs, one webhook-id, each signed anew, each at least one (compressed) ladder step after the last.
        var received = _receiver.Received;
        Assert.Equal(7, received.Count);
        Assert.All(received, r => Assert.Equal(deliveryId, r.Header("webhook-id")));
        Assert.All(received, r => Assert.True(TestSignatures.StandardSignatureIsValid(r, secret)));
        for (var i = 1; i < received.Count; i++)
        {
            Assert.True(received[i].ReceivedAt - received[i - 1].ReceivedAt >= TimeSpan.FromMilliseconds(950),
                $"attempt {i + 1} came {(received[i].ReceivedAt - received[i - 1].ReceivedAt).TotalMilliseconds} ms after attempt {i}");
        }

        var entry = await platform.GetDataAsync($"/api/admin/webhooks/dead-letter-queue/{deliveryId}");
        Assert.Equal(deliveryId, entry["id"]!.GetValue<string>());
        Assert.Equal("evt-ladder", entry["eventId"]!.GetValue<string>());
        Assert.Equal(endpointId, entry["webhookConfigId"]!.GetValue<string>());
        Assert.Equal(type, entry["eventType"]!.GetValue<string>());
        Assert.Equal(_receiver.Url(), entry["url"]!.GetValue<string>());
        Assert.Equal(1, entry["payload"]!["data"]!["n"]!.GetValue<int>());
        Assert.Equal("evt-ladder", entry["payload"]!["id"]!.GetValue<string>());
        Assert.Equal(500, entry["status"]!.GetValue<int>());
        Assert.Equal(7, entry["attempts"]!.GetValue<int>());
        Assert.Equal("HTTP 500", entry["errorMessage"]!.GetValue<string>());
        Assert.Equal(7, entry["attemptHistory"]!.AsArray().Count);
        Assert.NotNull(entry["failedAt"]);
        Assert.NotNull(entry["createdAt"]);
        Assert.NotNull(entry["updatedAt"]);
        Assert.Null(entry["deletedAt"]);

        // Dead-lettered means never retried again.
        var processed = await platform.PostDataAsync("/api/admin/webhooks/process?force=true");
        Assert.Equal(7, _receiver.Received.Count);
        Assert.Equal(DeliveryStatus.DeadLettered, (await platform.Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync())!.Status);
        Assert.NotNull(processed["processed"]);
    }

    [Fact]
    public async Task RetryAfterStretchesTheNextWait()
    {
        var calls = 0;
        _receiver.Behaviour = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? (429, "slow down") : (200, "ok"));
        _receiver.ResponseHeaders = r => r.Path == "/hook" ? [new("Retry-After", "2")] : [];
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        await platform.PublishAsync(new { id = "evt-retry-after", type, data = new { } });

        var delivery = await platform.WaitForDeliveryAsync($"evt-retry-after:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(2, delivery.Attempts.Length);
        Assert.Equal(429, delivery.Attempts[0].StatusCode);
        Assert.Equal(2, delivery.Attempts[0].RetryAfterSeconds);
        var gap = _receiver.Received[1].ReceivedAt - _receiver.Received[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(1950), $"retried after {gap.TotalMilliseconds} ms despite Retry-After: 2");
    }

    [Fact]
    public async Task DeliverySurvivesItsGrainsDeactivationMidLadder()
    {
        _receiver.RespondWith(503);
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        var deliveryId = $"evt-deactivate:{endpointId}";

        await platform.PublishAsync(new { id = "evt-deactivate", type, data = new { } });
        await platform.WaitForDeliveryAsync(deliveryId, d => d.Attempts.Length == 1);
        _receiver.RespondWith(200);

        // After a failure the grain deactivates; the retry comes from its reminder, in a new activation.
        var management = platform.Grains.GetGrain<IManagementGrain>(0);
        await Eventually.HoldsAsync(async () =>
        {
            // The filter argument is a grain class name; the grain type is compared here instead.
            var stats = await management.GetDetailedGrainStatistics();
            Assert.Contains(stats, s => s.GrainId.Type.ToString() == "event");
            return stats.All(s => s.GrainId.Type.ToString() != "delivery" || s.GrainId.Key.ToString() != deliveryId);
        }, TimeSpan.FromSeconds(20), () => "the delivery grain stayed active");

        var delivery = await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal([503, 200], delivery.Attempts.Select(a => a.StatusCode!.Value));
    }
}
