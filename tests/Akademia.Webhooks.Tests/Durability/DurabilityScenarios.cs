using System.Net;
using Akademia.Webhooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Durability;

/// <summary>
/// The durability scenarios, written once and run per storage backend (a subclass per backend):
/// a full cluster restart with pending reminders, a storage outage answering 503, the ladder to the
/// dead-letter queue and a replay, and one event published through two gateways at once.
/// </summary>
public abstract class DurabilityScenarios(PlatformFixture platform, ITestOutputHelper output) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    protected WebhookReceiver Receiver => _receiver;

    protected PlatformFixture Platform => platform;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task PendingDeliveriesCompleteAfterAFullClusterRestart()
    {
        // One delivery mid-ladder (first attempt failed, reminder armed), one whose first attempt
        // is still in flight when the cluster stops (only the event's fan-out reminder covers it).
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Behaviour = async (request, cancel) =>
        {
            if (request.Path == "/failing")
            {
                return (500, "down");
            }

            await release.Task.WaitAsync(cancel);
            return (200, "ok");
        };
        var failingType = await platform.NewEventTypeAsync();
        var hangingType = await platform.NewEventTypeAsync();
        var (failing, _) = await platform.CreateEndpointAsync(_receiver.Url("/failing"), failingType);
        var (hanging, _) = await platform.CreateEndpointAsync(_receiver.Url("/hanging"), hangingType);

        await platform.PublishAsync(new { id = "restart-ladder", type = failingType, data = new { } });
        await platform.PublishAsync(new { id = "restart-inflight", type = hangingType, data = new { } });
        await platform.WaitForDeliveryAsync($"restart-ladder:{failing}", d => d.Attempts.Length == 1);
        await _receiver.WaitForRequestsAsync(2);

        await platform.RestartClusterAsync();

        // Only from here can an attempt succeed: the old cluster is gone.
        _receiver.Behaviour = (_, _) => Task.FromResult((200, "ok"));
        release.SetResult();

        var ladder = await platform.WaitForDeliveryAsync($"restart-ladder:{failing}", d => d.Status == DeliveryStatus.Delivered, TimeSpan.FromSeconds(60));
        // A retry may fall due before the silos stop; whatever came before, the one after the restart succeeds.
        Assert.Equal(500, ladder.Attempts[0].StatusCode);
        Assert.Equal(200, ladder.Attempts[^1].StatusCode);
        Assert.All(ladder.Attempts[..^1], a => Assert.Equal(500, a.StatusCode));
        Assert.True(ladder.Attempts.Length >= 2);
        var inflight = await platform.WaitForDeliveryAsync($"restart-inflight:{hanging}", d => d.Status == DeliveryStatus.Delivered, TimeSpan.FromSeconds(60));
        Assert.Equal(200, inflight.Attempts[^1].StatusCode);

        // Endpoints, types and the event are still there after the restart.
        Assert.Equal(_receiver.Url("/failing"), (await platform.GetDataAsync($"/api/webhooks/{failing}"))["url"]!.GetValue<string>());
        var again = await platform.PublishAsync(new { id = "restart-ladder", type = failingType, data = new { } });
        Assert.Equal(1, again["deliveries"]!.GetValue<int>());
    }

    [Fact]
    public async Task StorageOutageAnswers503AndTheClusterRecoversWithoutARestart()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/outage"), type);
        Assert.Equal(HttpStatusCode.OK, (await platform.Http.GetAsync("/api/health")).StatusCode);

        await platform.Backend.InterruptAsync();
        try
        {
            var started = DateTimeOffset.UtcNow;
            var refused = await platform.Http.PostAsync("/api/events", Json(new { id = "outage-1", type, data = new { } }));
            var error = await PlatformFixture.ReadJsonAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("SERVICE_UNAVAILABLE", error["code"]!.GetValue<string>());
            var took = DateTimeOffset.UtcNow - started;
            output.WriteLine($"publish answered 503 {took.TotalMilliseconds:0} ms into the outage");
            Assert.True(took < TimeSpan.FromSeconds(20), $"the 503 took {took}");

            var health = await PlatformFixture.ReadJsonAsync(await platform.Http.GetAsync("/api/health"), HttpStatusCode.ServiceUnavailable);
            Assert.Equal("unhealthy", health["data"]!["systemHealth"]!["storage"]!["status"]!.GetValue<string>());
        }
        finally
        {
            await platform.Backend.ResumeAsync();
        }

        // Nothing was accepted during the outage; the same id is new now, and is delivered.
        await Eventually.HoldsAsync(
            async () => (await platform.Http.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), () => "health did not recover");
        var published = await platform.PublishAsync(new { id = "outage-1", type, data = new { } });
        Assert.Equal(1, published["deliveries"]!.GetValue<int>());
        await platform.WaitForDeliveryAsync($"outage-1:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task FailingDeliveryClimbsTheLadderToTheDeadLetterQueueAndIsReplayed()
    {
        _receiver.RespondWith(500, "boom");
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/ladder"), type);

        await platform.PublishAsync(new { id = "durable-ladder", type, data = new { n = 2 } });

        var deliveryId = $"durable-ladder:{endpointId}";
        var delivery = await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.DeadLettered, TimeSpan.FromSeconds(90));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], delivery.Attempts.Select(a => a.Number));
        Assert.Equal(7, _receiver.Received.Count);

        var entry = await platform.GetDataAsync($"/api/admin/webhooks/dead-letter-queue/{deliveryId}");
        Assert.Equal(7, entry["attempts"]!.GetValue<int>());
        Assert.Equal(7, entry["attemptHistory"]!.AsArray().Count);
        Assert.Equal(2, entry["payload"]!["data"]!["n"]!.GetValue<int>());
        var listed = await platform.GetDataAsync($"/api/admin/webhooks/dead-letter-queue?webhookConfigId={endpointId}");
        Assert.Equal(deliveryId, Assert.Single(listed["items"]!.AsArray())!["id"]!.GetValue<string>());

        _receiver.RespondWith(200);
        var replay = await platform.PostDataAsync($"/api/admin/webhooks/dead-letter-queue/{deliveryId}/replay");
        var replayId = replay["deliveryId"]!.GetValue<string>();
        var replayed = await platform.WaitForDeliveryAsync(replayId, d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(200, Assert.Single(replayed.Attempts).StatusCode);
        Assert.Equal(deliveryId, _receiver.Received[^1].Header("webhook-id"));
        Assert.Equal(replayId, (await platform.GetDataAsync($"/api/admin/webhooks/dead-letter-queue/{deliveryId}"))["replayDeliveryId"]!.GetValue<string>());
    }

    [Fact]
    public async Task SameEventPublishedConcurrentlyThroughTwoGatewaysIsDeliveredOncePerEndpoint()
    {
        var type = await platform.NewEventTypeAsync();
        var (a, _) = await platform.CreateEndpointAsync(_receiver.Url("/a"), type);
        var (b, _) = await platform.CreateEndpointAsync(_receiver.Url("/b"), type);
        await using var second = platform.StartGateway();
        using var secondHttp = second.CreateClient();
        secondHttp.DefaultRequestHeaders.Add("X-API-Key", PlatformFixture.PublisherKey);

        var body = System.Text.Json.JsonSerializer.Serialize(new { id = "two-gateways", type, data = new { } });
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? platform.Http : secondHttp).PostAsync("/api/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        await platform.WaitForDeliveryAsync($"two-gateways:{a}", d => d.Status == DeliveryStatus.Delivered);
        await platform.WaitForDeliveryAsync($"two-gateways:{b}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(["/a", "/b"], _receiver.Received.Select(r => r.Path).Order());
    }

    private static StringContent Json(object value) =>
        new(System.Text.Json.JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
