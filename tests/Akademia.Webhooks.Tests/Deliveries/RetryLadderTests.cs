using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

public sealed class RetryLadderTests(LadderFixture platform) : IClassFixture<LadderFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

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
            // Its own endpoint grain is listed, so the comparison by type and key is not vacuous.
            Assert.Contains(stats, s => s.GrainId.Type.ToString() == "endpoint" && s.GrainId.Key.ToString() == endpointId);
            return stats.All(s => s.GrainId.Type.ToString() != "delivery" || s.GrainId.Key.ToString() != deliveryId);
        }, TimeSpan.FromSeconds(20), () => "the delivery grain stayed active");

        var delivery = await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal([503, 200], delivery.Attempts.Select(a => a.StatusCode!.Value));
    }
}

/// <summary>The specification's ladder, driven on a fake clock: hours of retries in well under a second of waiting.</summary>
public sealed class RetryLadderOnFakeTimeTests(FakeTimeLadderFixture platform) : IClassFixture<FakeTimeLadderFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task FailedDeliveryIsRetriedThroughTheLadderThenDeadLettered()
    {
        _receiver.RespondWith(500, "boom");
        var type = await platform.NewEventTypeAsync();
        var (endpointId, secret) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        var deliveryId = $"evt-ladder:{endpointId}";
        var grain = GrainId.Create("delivery", deliveryId);
        var ladder = DeliveryOptions.DefaultRetryDelays;

        await platform.PublishAsync(new { id = "evt-ladder", type, data = new { n = 1 } });

        // Each step is a phase: the attempt arrives; a call queued behind it (the grain takes one
        // call at a time) returns once it has recorded its outcome and armed its retry, and finds
        // the retry not yet due; the reminder service waits on the clock for that retry's tick;
        // then the clock moves one step, and the next attempt comes.
        var worker = platform.Grains.GetGrain<IDeliveryInternalGrain>(deliveryId);
        for (var step = 0; step < ladder.Count; step++)
        {
            await WaitForRequestsAsync(step + 1, grain, deliveryId);
            Assert.False(await worker.ProcessNowAsync(force: false));
            await platform.Clock.WaitUntilArmedAsync(grain, step + 1, Timeout);
            Assert.Equal(step + 1, _receiver.Received.Count);
            await platform.Clock.AdvanceAsync(ladder[step]);
        }

        await WaitForRequestsAsync(ladder.Count + 1, grain, deliveryId);
        await platform.Clock.WaitUntilUnregisteredAsync(grain, Timeout);
        var delivery = (await platform.Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync())!;
        Assert.Equal(DeliveryStatus.DeadLettered, delivery.Status);
        Assert.Equal(7, delivery.Attempts.Length);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], delivery.Attempts.Select(a => a.Number));
        Assert.All(delivery.Attempts, a => Assert.Equal(500, a.StatusCode));
        // Each attempt exactly one ladder step after the last, on the platform's clock.
        Assert.Equal(ladder, delivery.Attempts.Zip(delivery.Attempts.Skip(1), (a, b) => b.StartedAt - a.StartedAt));

        // Seven POSTs, one webhook-id, each signed anew.
        var received = _receiver.Received;
        Assert.Equal(7, received.Count);
        Assert.All(received, r => Assert.Equal(deliveryId, r.Header("webhook-id")));
        Assert.All(received, r => Assert.True(TestSignatures.StandardSignatureIsValid(r, secret)));

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
        _receiver.ResponseHeaders = r => r.Path == "/hook" ? [new("Retry-After", "120")] : [];
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        var deliveryId = $"evt-retry-after:{endpointId}";
        var worker = platform.Grains.GetGrain<IDeliveryInternalGrain>(deliveryId);
        var firstStep = DeliveryOptions.DefaultRetryDelays[0];

        await platform.PublishAsync(new { id = "evt-retry-after", type, data = new { } });
        await platform.AttemptRecordedAsync(_receiver, deliveryId, 1);
        await platform.Clock.WaitUntilArmedAsync(FakeTimeLadderFixture.Grain(deliveryId), 1, Timeout);

        // The ladder's first step (1 min) passes: not due yet, the receiver asked for two minutes.
        await platform.Clock.AdvanceAsync(firstStep);
        Assert.False(await worker.ProcessNowAsync(force: false));
        Assert.Single(_receiver.Received);
        await platform.Clock.AdvanceAsync(TimeSpan.FromMinutes(2) - firstStep);
        await platform.AttemptRecordedAsync(_receiver, deliveryId, 2);

        var delivery = (await platform.Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync())!;
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(2, delivery.Attempts.Length);
        Assert.Equal(429, delivery.Attempts[0].StatusCode);
        Assert.Equal(120, delivery.Attempts[0].RetryAfterSeconds);
        var gap = delivery.Attempts[1].StartedAt - delivery.Attempts[0].StartedAt;
        Assert.True(gap >= TimeSpan.FromMinutes(2), $"retried after {gap} despite Retry-After: 120");
    }

    private async Task WaitForRequestsAsync(int count, GrainId grain, string deliveryId)
    {
        try
        {
            await _receiver.WaitForRequestsAsync(count, Timeout);
        }
        catch (TimeoutException)
        {
            var state = await platform.Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync();
            Assert.Fail($"attempt {count} did not come; clock {platform.Clock.Time.GetUtcNow():O}, delivery {System.Text.Json.JsonSerializer.Serialize(state)}, reminder events: {platform.Clock.Describe(grain)}");
        }
    }
}
