using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>Creating, reading, partially updating and soft-deleting endpoints over HTTP.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class EndpointCrudTests(PlatformFixture platform)
{
    [Fact]
    public async Task CreateAnswers201WithTheEndpointAndItsLocation()
    {
        var type = await platform.NewEventTypeAsync();
        var otherType = await platform.NewEventTypeAsync();
        var before = DateTimeOffset.UtcNow;

        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new
        {
            url = "http://127.0.0.1/created",
            events = new[] { type, otherType, type },
            description = "grades to the LMS",
            headers = new Dictionary<string, string> { ["X-Tenant"] = "north" },
        });

        var after = DateTimeOffset.UtcNow;
        var data = await ApiAssert.SuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal(
            ["active", "createdAt", "description", "events", "failoverUrl", "headers", "id", "rateLimit", "retryPolicy", "secret", "sla", "updatedAt", "url"],
            data.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        var id = data["id"]!.GetValue<string>();
        Assert.Matches("^ep_[0-9a-f]{26}$", id);
        Assert.Equal($"/api/webhooks/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("http://127.0.0.1/created", data["url"]!.GetValue<string>());
        Assert.Equal([type, otherType], Strings(data["events"]));
        Assert.True(data["active"]!.GetValue<bool>());
        Assert.Equal("grades to the LMS", data["description"]!.GetValue<string>());
        Assert.Equal("north", data["headers"]!["X-Tenant"]!.GetValue<string>());
        var createdAt = data["createdAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(createdAt, before, after);
        Assert.Equal(createdAt, data["updatedAt"]!.GetValue<DateTimeOffset>());

        var read = await ApiAssert.SuccessAsync(await platform.Http.GetAsync(response.Headers.Location), HttpStatusCode.OK);
        Assert.Equal(id, read["id"]!.GetValue<string>());
        Assert.Equal([type, otherType], Strings(read["events"]));
        Assert.Equal(createdAt, read["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(read["deletedAt"]);
    }

    [Fact]
    public async Task CreateHonoursActiveFalse()
    {
        var type = await platform.NewEventTypeAsync();

        var data = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/paused", events = new[] { type }, active = false }),
            HttpStatusCode.Created);

        Assert.False(data["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PartialUpdateChangesOnlyTheGivenFieldsAndBumpsUpdatedAt()
    {
        var type = await platform.NewEventTypeAsync();
        var otherType = await platform.NewEventTypeAsync();
        var created = await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/webhooks", new
        {
            url = "http://127.0.0.1/before",
            events = new[] { type },
            description = "first",
            headers = new Dictionary<string, string> { ["X-Tenant"] = "north" },
        }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var createdAt = created["createdAt"]!.GetValue<DateTimeOffset>();

        var described = await ApiAssert.SuccessAsync(
            await platform.Http.PutAsJsonAsync($"/api/webhooks/{id}", new { description = "second" }), HttpStatusCode.OK);

        Assert.Equal("second", described["description"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1/before", described["url"]!.GetValue<string>());
        Assert.Equal([type], Strings(described["events"]));
        Assert.True(described["active"]!.GetValue<bool>());
        Assert.Equal("north", described["headers"]!["X-Tenant"]!.GetValue<string>());
        Assert.Equal(createdAt, described["createdAt"]!.GetValue<DateTimeOffset>());
        var firstUpdate = described["updatedAt"]!.GetValue<DateTimeOffset>();
        Assert.True(firstUpdate > createdAt, $"updatedAt {firstUpdate:O} is not after createdAt {createdAt:O}");

        var moved = await ApiAssert.SuccessAsync(await platform.Http.PutAsJsonAsync($"/api/webhooks/{id}", new
        {
            url = "http://127.0.0.1/after",
            events = new[] { otherType },
            active = false,
            headers = new Dictionary<string, string> { ["X-Region"] = "eu" },
        }), HttpStatusCode.OK);

        Assert.Equal("http://127.0.0.1/after", moved["url"]!.GetValue<string>());
        Assert.Equal([otherType], Strings(moved["events"]));
        Assert.False(moved["active"]!.GetValue<bool>());
        Assert.Equal(["X-Region"], moved["headers"]!.AsObject().Select(h => h.Key));
        Assert.Equal("second", moved["description"]!.GetValue<string>());
        Assert.True(moved["updatedAt"]!.GetValue<DateTimeOffset>() > firstUpdate);

        // A single read adds the state of the URL's circuit breaker; the rest is the same endpoint.
        var read = (await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/webhooks/{id}"), HttpStatusCode.OK)).AsObject();
        Assert.Equal("closed", read["circuitBreaker"]!["state"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:80/after", read["circuitBreaker"]!["url"]!.GetValue<string>());
        read["circuitBreaker"] = null;
        Assert.Equal(moved.ToJsonString(), read.ToJsonString());
        var listed = (await ApiAssert.ListAsync(await platform.Http.GetAsync("/api/webhooks"))).AsArray()
            .Single(e => e!["id"]!.GetValue<string>() == id);
        Assert.Equal(moved.ToJsonString(), listed!.ToJsonString());
    }

    [Fact]
    public async Task ListShowsEndpointsOldestFirst()
    {
        var type = await platform.NewEventTypeAsync();
        var (first, _) = await platform.CreateEndpointAsync("http://127.0.0.1/first", type);
        var (second, _) = await platform.CreateEndpointAsync("http://127.0.0.1/second", type);

        var ids = Strings((await ApiAssert.ListAsync(await platform.Http.GetAsync("/api/webhooks")))
            .AsArray().Select(e => e!["id"]).ToArray());

        Assert.True(ids.IndexOf(first) >= 0 && ids.IndexOf(first) < ids.IndexOf(second), $"{first} is not listed before {second}");
    }

    [Fact]
    public async Task DeleteIsSoftAndStopsDeliveries()
    {
        var type = await platform.NewEventTypeAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (deleted, _) = await platform.CreateEndpointAsync(receiver.Url("/deleted"), type);
        var (kept, _) = await platform.CreateEndpointAsync(receiver.Url("/kept"), type);

        var answer = await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/webhooks/{deleted}"), HttpStatusCode.OK);

        Assert.Equal(deleted, answer["id"]!.GetValue<string>());
        Assert.True(answer["deleted"]!.GetValue<bool>());
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/webhooks/{deleted}"));
        await ApiAssert.NotFoundAsync(await platform.Http.PutAsJsonAsync($"/api/webhooks/{deleted}", new { active = true }));
        await ApiAssert.NotFoundAsync(await platform.Http.DeleteAsync($"/api/webhooks/{deleted}"));
        var listed = Strings((await ApiAssert.ListAsync(await platform.Http.GetAsync("/api/webhooks")))
            .AsArray().Select(e => e!["id"]).ToArray());
        Assert.DoesNotContain(deleted, listed);
        Assert.Contains(kept, listed);

        var eventId = "evt-after-delete-" + Guid.NewGuid().ToString("N");
        var published = await platform.PublishAsync(new { id = eventId, type, data = new { n = 1 } });

        Assert.Equal(1, published["deliveries"]!.GetValue<int>());
        await platform.WaitForDeliveryAsync($"{eventId}:{kept}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(["/kept"], receiver.Received.Select(r => r.Path));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/deliveries/{eventId}:{deleted}"));
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    private static List<string> Strings(JsonNode?[] nodes) => nodes.Select(n => n!.GetValue<string>()).ToList();
}
