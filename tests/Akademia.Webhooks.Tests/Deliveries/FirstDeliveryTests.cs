using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

[CollectionDefinition(nameof(PlatformCollection))]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>;

[Collection(nameof(PlatformCollection))]
public sealed class FirstDeliveryTests(PlatformFixture platform) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task DeliveryArrivesWithBothSignaturesValid()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, secret) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        var published = await platform.PublishAsync(new { id = "evt-sig-1", type, data = new { studentId = "s1", score = 97 } });
        Assert.Equal("evt-sig-1", published["eventId"]!.GetValue<string>());
        Assert.Equal(1, published["deliveries"]!.GetValue<int>());

        await _receiver.WaitForRequestsAsync(1);
        var request = _receiver.Received.Single();
        Assert.True(TestSignatures.SpecSignatureIsValid(request, secret), "X-Webhook-Signature does not verify");
        Assert.True(TestSignatures.StandardSignatureIsValid(request, secret), "webhook-signature does not verify");
        Assert.Equal("evt-sig-1", request.Header("X-Webhook-ID"));
        Assert.Equal($"evt-sig-1:{endpointId}", request.Header("webhook-id"));
        Assert.StartsWith("Akademia.Orleans/", request.Header("User-Agent"), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(request.Header("X-Webhook-Timestamp"), out _));
        Assert.InRange(long.Parse(request.Header("webhook-timestamp"), System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("evt-sig-1", body["id"]!.GetValue<string>());
        Assert.Equal(type, body["type"]!.GetValue<string>());
        Assert.Equal(97, body["data"]!["score"]!.GetValue<int>());
        Assert.NotNull(body["timestamp"]);

        var delivery = await platform.WaitForDeliveryAsync($"evt-sig-1:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(200, attempt.StatusCode);
        Assert.Equal("ok", attempt.ResponseBody);
    }

    [Fact]
    public async Task CustomHeadersAreSentButCannotOverridePlatformHeaders()
    {
        var type = await platform.NewEventTypeAsync();
        var response = await platform.Http.PostAsync("/api/webhooks", JsonContent(new
        {
            url = _receiver.Url(),
            events = new[] { type },
            headers = new Dictionary<string, string> { ["X-Tenant"] = "north" },
        }));
        var created = await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.Created);
        var endpointId = created["data"]!["id"]!.GetValue<string>();

        await platform.PublishAsync(new { id = "evt-headers", type, data = new { } });
        await _receiver.WaitForRequestsAsync(1);
        var request = _receiver.Received.Single();
        Assert.Equal("north", request.Header("X-Tenant"));
        Assert.Equal($"evt-headers:{endpointId}", request.Header("webhook-id"));

        var reserved = await platform.Http.PutAsync($"/api/webhooks/{endpointId}", JsonContent(new
        {
            headers = new Dictionary<string, string> { ["webhook-id"] = "forged" },
        }));
        var error = await PlatformFixture.ReadJsonAsync(reserved, HttpStatusCode.BadRequest);
        Assert.Equal("VALIDATION_ERROR", error["code"]!.GetValue<string>());
        Assert.NotNull(error["details"]!["headers.webhook-id"]);
    }

    [Fact]
    public async Task RepublishingAnEventIdCreatesNoNewDelivery()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        var first = await platform.PublishAsync(new { id = "evt-idem", type, data = new { n = 1 } });
        await platform.WaitForDeliveryAsync($"evt-idem:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        var again = await platform.PublishAsync(new { id = "evt-idem", type, data = new { n = 1 } });
        var other = await platform.Http.PostAsJsonAsync("/api/events", new { id = "evt-idem", type, data = new { n = 2 } });

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var page = await PlatformFixture.ReadJsonAsync(await platform.Http.GetAsync($"/api/webhooks/{endpointId}/deliveries"), HttpStatusCode.OK);
        Assert.Single(page["data"]!["items"]!.AsArray());
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task ConcurrentDuplicatePublishesDeliverOnce()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            platform.PublishAsync(new { id = "evt-race", type, data = new { m = "x" } })));

        Assert.All(results, r => Assert.Equal(1, r["deliveries"]!.GetValue<int>()));
        await platform.WaitForDeliveryAsync($"evt-race:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        var page = await PlatformFixture.ReadJsonAsync(await platform.Http.GetAsync($"/api/webhooks/{endpointId}/deliveries"), HttpStatusCode.OK);
        Assert.Single(page["data"]!["items"]!.AsArray());
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task FailedAttemptRecordsStatusAndResponseBody()
    {
        var type = await platform.NewEventTypeAsync();
        _receiver.RespondWith(500, new string('x', 3000));
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        await platform.PublishAsync(new { id = "evt-500", type, data = new { } });

        var delivery = await platform.WaitForDeliveryAsync($"evt-500:{endpointId}", d => d.Attempts.Length >= 1);
        var attempt = delivery.Attempts[0];
        Assert.Equal(1, attempt.Number);
        Assert.Equal(500, attempt.StatusCode);
        Assert.False(attempt.Succeeded);
        Assert.Equal(1024, attempt.ResponseBody!.Length);
        Assert.True(attempt.DurationMs >= 0);
        Assert.Equal(_receiver.Url(), attempt.Url);
    }

    [Fact]
    public async Task AttemptThatOutlivesTheTimeoutIsRecordedAsTimeout()
    {
        var type = await platform.NewEventTypeAsync();
        _receiver.Hang();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        await platform.PublishAsync(new { id = "evt-timeout", type, data = new { } });

        var delivery = await platform.WaitForDeliveryAsync($"evt-timeout:{endpointId}", d => d.Attempts.Length >= 1);
        Assert.Equal("TIMEOUT", delivery.Attempts[0].ErrorCode);
        Assert.Null(delivery.Attempts[0].StatusCode);
        Assert.InRange(delivery.Attempts[0].DurationMs, 1900, 10_000);
    }

    [Fact]
    public async Task RefusedConnectionIsRecordedAsNetworkError()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync($"http://127.0.0.1:{PlatformFixture.UnusedPort()}/hook", type);

        await platform.PublishAsync(new { id = "evt-refused", type, data = new { } });

        var delivery = await platform.WaitForDeliveryAsync($"evt-refused:{endpointId}", d => d.Attempts.Length >= 1);
        Assert.Equal("NETWORK_ERROR", delivery.Attempts[0].ErrorCode);
        Assert.Null(delivery.Attempts[0].StatusCode);
    }

    [Fact]
    public async Task RedirectIsAFailureAndIsNotFollowed()
    {
        var type = await platform.NewEventTypeAsync();
        _receiver.Behaviour = (request, _) => Task.FromResult(request.Path == "/hook" ? (302, "") : (200, "followed"));
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        await platform.PublishAsync(new { id = "evt-redirect", type, data = new { } });

        var delivery = await platform.WaitForDeliveryAsync($"evt-redirect:{endpointId}", d => d.Attempts.Length >= 1);
        Assert.Equal(302, delivery.Attempts[0].StatusCode);
        Assert.False(delivery.Attempts[0].Succeeded);
        Assert.All(_receiver.Received, r => Assert.Equal("/hook", r.Path));
    }

    internal static StringContent JsonContent(object value) =>
        new(System.Text.Json.JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
