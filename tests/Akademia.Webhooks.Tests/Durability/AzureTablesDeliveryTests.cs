using System.Net;
using Akademia.Webhooks.Grains.Storage;
using Akademia.Webhooks.Tests.Infrastructure;
using Akademia.Webhooks.Tests.Storage;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Durability;

/// <summary>
/// The delivery suite's main flows with grain state and reminders in Azure Tables (Azurite):
/// publish and deliver, the ladder to the DLQ, replay, a full cluster restart with pending
/// reminders, and a storage outage answering 503.
/// </summary>
[Trait("Category", "Azure")]
[Collection(nameof(AzureCollection))]
public sealed class AzureTablesDeliveryTests(AzuritePlatformFixture platform, ITestOutputHelper output) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task PublishedEventIsDeliveredAndStoredInTheTable()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, secret) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        var published = await platform.PublishAsync(new { id = "az-first", type, data = new { n = 1 } });
        Assert.Equal(1, published["deliveries"]!.GetValue<int>());

        var delivery = await platform.WaitForDeliveryAsync($"az-first:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(200, Assert.Single(delivery.Attempts).StatusCode);
        var request = Assert.Single(_receiver.Received);
        Assert.True(TestSignatures.StandardSignatureIsValid(request, secret));

        // The platform's own grains keep their state in the configured table, keyed by grain id.
        var table = new TableServiceClient(platform.Azurite.ConnectionString).GetTableClient("WebhookState");
        var service = TableKeys.Part(platform.Cluster.Options.ServiceId);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>($"{service}|endpoint%2F{endpointId}", "endpoint")).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>($"{service}|event%2Faz-first", "event")).HasValue);

        // Publishing the same id again answers the stored result and delivers nothing more.
        var again = await platform.PublishAsync(new { id = "az-first", type, data = new { n = 1 } });
        Assert.Equal(1, again["deliveries"]!.GetValue<int>());
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task FailingDeliveryClimbsTheLadderToTheDeadLetterQueueAndIsReplayed()
    {
        _receiver.RespondWith(500, "boom");
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/ladder"), type);

        await platform.PublishAsync(new { id = "az-ladder", type, data = new { n = 2 } });

        var deliveryId = $"az-ladder:{endpointId}";
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
    public async Task PendingDeliveriesCompleteAfterAFullClusterRestart()
    {
        // One delivery mid-ladder (its retry reminder armed), one whose first attempt is still in
        // flight when the cluster stops (only the event's fan-out reminder covers it).
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

        await platform.PublishAsync(new { id = "az-restart-ladder", type = failingType, data = new { } });
        await platform.PublishAsync(new { id = "az-restart-inflight", type = hangingType, data = new { } });
        await platform.WaitForDeliveryAsync($"az-restart-ladder:{failing}", d => d.Attempts.Length == 1);
        await _receiver.WaitForRequestsAsync(2);

        await platform.RestartClusterAsync();
        _receiver.Behaviour = (_, _) => Task.FromResult((200, "ok"));
        release.SetResult();

        var ladder = await platform.WaitForDeliveryAsync($"az-restart-ladder:{failing}", d => d.Status == DeliveryStatus.Delivered, TimeSpan.FromSeconds(60));
        Assert.Equal(500, ladder.Attempts[0].StatusCode);
        Assert.Equal(200, ladder.Attempts[^1].StatusCode);
        var inflight = await platform.WaitForDeliveryAsync($"az-restart-inflight:{hanging}", d => d.Status == DeliveryStatus.Delivered, TimeSpan.FromSeconds(60));
        Assert.Equal(200, inflight.Attempts[^1].StatusCode);

        Assert.Equal(_receiver.Url("/failing"), (await platform.GetDataAsync($"/api/webhooks/{failing}"))["url"]!.GetValue<string>());
        var again = await platform.PublishAsync(new { id = "az-restart-ladder", type = failingType, data = new { } });
        Assert.Equal(1, again["deliveries"]!.GetValue<int>());
    }

    [Fact]
    public async Task StorageOutageAnswers503AndTheClusterRecoversWithoutARestart()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/outage"), type);
        Assert.Equal(HttpStatusCode.OK, (await platform.Http.GetAsync("/api/health")).StatusCode);

        await platform.Azurite.StopAsync();
        try
        {
            var started = DateTimeOffset.UtcNow;
            var refused = await platform.Http.PostAsync("/api/events", Json(new { id = "az-outage", type, data = new { } }));
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
            await platform.Azurite.StartAgainAsync();
        }

        await Eventually.HoldsAsync(
            async () => (await platform.Http.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), () => "health did not recover");
        var published = await platform.PublishAsync(new { id = "az-outage", type, data = new { } });
        Assert.Equal(1, published["deliveries"]!.GetValue<int>());
        await platform.WaitForDeliveryAsync($"az-outage:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Single(_receiver.Received);
    }

    private static StringContent Json(object value) =>
        new(System.Text.Json.JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
