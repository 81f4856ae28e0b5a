using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>Applications over HTTP: their CRUD and list, and what each one owns kept apart from the others.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class ApplicationTests(PlatformFixture platform) : IAsyncLifetime
{
    private static readonly object OneAttempt = new { strategy = "linear", baseDelaySeconds = 0.5, maxAttempts = 1, jitterFactor = 0 };

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task AnApplicationIsCreatedReadRenamedAndListed()
    {
        var id = "school-" + Guid.NewGuid().ToString("N")[..12];

        var response = await platform.Http.PostAsJsonAsync("/api/apps", new
        {
            id,
            name = "North school",
            metadata = new Dictionary<string, string> { ["region"] = "north" },
            rateLimit = new { limit = 50, window = "00:01:00" },
        });

        var created = await ApiAssert.SuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/apps/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(["createdAt", "deletedAt", "id", "metadata", "name", "rateLimit", "retention", "updatedAt"], created.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal((id, "North school", "north", 50, "00:01:00"), (
            created["id"]!.GetValue<string>(), created["name"]!.GetValue<string>(), created["metadata"]!["region"]!.GetValue<string>(),
            created["rateLimit"]!["limit"]!.GetValue<int>(), created["rateLimit"]!["window"]!.GetValue<string>()));

        var read = await platform.GetDataAsync($"/api/apps/{id}");
        Assert.Equal("North school", read["name"]!.GetValue<string>());

        var renamed = await ApiAssert.SuccessAsync(await platform.Http.PutAsJsonAsync($"/api/apps/{id}", new { name = "North academy", removeRateLimit = true }), HttpStatusCode.OK);
        Assert.Equal(("North academy", "north"), (renamed["name"]!.GetValue<string>(), renamed["metadata"]!["region"]!.GetValue<string>()));
        Assert.Null(renamed["rateLimit"]);
        Assert.True(renamed["updatedAt"]!.GetValue<DateTimeOffset>() > renamed["createdAt"]!.GetValue<DateTimeOffset>());

        var listed = await ListAllAsync(limit: 100);
        Assert.Equal(ApplicationIds.Default, listed[0]["id"]!.GetValue<string>());
        Assert.Equal("North academy", Assert.Single(listed, a => a["id"]!.GetValue<string>() == id)["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnApplicationCreatedWithoutAnIdGetsAnAppId()
    {
        var created = await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { name = "Generated" }), HttpStatusCode.Created);

        Assert.Matches("^app_[0-9a-f]{26}$", created["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task AMalformedApplicationIdAnswers400(string id)
    {
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id, name = "Bad" }), "id");
    }

    [Fact]
    public async Task AnApplicationWithoutANameAnswers400()
    {
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id = NewAppId() }), "name");
    }

    [Fact]
    public async Task ATakenApplicationIdAnswers409()
    {
        var id = await CreateAppAsync();

        await ApiAssert.ErrorAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id, name = "Again" }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await ApiAssert.ErrorAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id = ApplicationIds.Default, name = "Again" }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
    }

    [Fact]
    public async Task AnUnknownApplicationAnswers404OnEveryRouteOfIt()
    {
        var type = await platform.NewEventTypeAsync();
        var unknown = NewAppId();

        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/apps/{unknown}"));
        await ApiAssert.NotFoundAsync(await platform.Http.PutAsJsonAsync($"/api/apps/{unknown}", new { name = "x" }));
        await ApiAssert.NotFoundAsync(await platform.Http.DeleteAsync($"/api/apps/{unknown}"));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/apps/{unknown}/webhooks"));
        await ApiAssert.NotFoundAsync(await platform.Http.PostAsJsonAsync($"/api/apps/{unknown}/webhooks", new { url = "http://127.0.0.1/x", events = new[] { type } }));
        await ApiAssert.NotFoundAsync(await platform.Http.PostAsJsonAsync($"/api/apps/{unknown}/events", new { type, data = new { } }));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/apps/{unknown}/dead-letters"));
    }

    [Fact]
    public async Task TheDefaultApplicationExistsMayBeRenamedAndCannotBeDeleted()
    {
        var read = await platform.GetDataAsync("/api/apps/default");
        Assert.Equal(ApplicationIds.Default, read["id"]!.GetValue<string>());

        await ApiAssert.ErrorAsync(await platform.Http.DeleteAsync("/api/apps/default"), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        var renamed = await ApiAssert.SuccessAsync(await platform.Http.PutAsJsonAsync("/api/apps/default", new { name = "Default application" }), HttpStatusCode.OK);
        Assert.Equal("Default application", renamed["name"]!.GetValue<string>());
        Assert.Equal(read["createdAt"]!.GetValue<DateTimeOffset>(), renamed["createdAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task TheListPagesWithACursorInCreationOrder()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateAppAsync());
        }

        var listed = (await ListAllAsync(limit: 2)).Select(a => a!["id"]!.GetValue<string>()).ToList();

        Assert.Equal(ApplicationIds.Default, listed[0]);
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids, listed.Where(ids.Contains));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    public async Task AListOutsideItsBoundsAnswers400(string query, string field)
    {
        await ApiAssert.ValidationErrorAsync(await platform.Http.GetAsync("/api/apps" + query), field);
    }

    [Fact]
    public async Task AnEventReachesOnlyItsApplicationsEndpointsAndTheSameIdMayBeUsedInEach()
    {
        var type = await platform.NewEventTypeAsync();
        var (a, b) = (await CreateAppAsync(), await CreateAppAsync());
        var inA = await CreateEndpointInAsync(a, _receiver.Url("/a"), type);
        var inB = await CreateEndpointInAsync(b, _receiver.Url("/b"), type);
        var (inDefault, _) = await platform.CreateEndpointAsync(_receiver.Url("/default"), type);
        var eventId = "evt-app-" + Guid.NewGuid().ToString("N");

        var publishedInA = await PublishInAsync(a, new { id = eventId, type, data = new { school = "a" } });
        var publishedInB = await PublishInAsync(b, new { id = eventId, type, data = new { school = "b" } });

        Assert.Equal((eventId, 1), (publishedInA["eventId"]!.GetValue<string>(), publishedInA["deliveries"]!.GetValue<int>()));
        Assert.Equal((eventId, 1), (publishedInB["eventId"]!.GetValue<string>(), publishedInB["deliveries"]!.GetValue<int>()));
        var deliveredInA = await platform.WaitForDeliveryAsync($"{eventId}:{inA}", d => d.Status == DeliveryStatus.Delivered);
        await platform.WaitForDeliveryAsync($"{eventId}:{inB}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(a, deliveredInA.ApplicationId);
        Assert.Equal(["/a", "/b"], _receiver.Received.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.Equal("a", JsonNode.Parse(Assert.Single(_receiver.Received, r => r.Path == "/a").Body)!["data"]!["school"]!.GetValue<string>());
        Assert.Equal(eventId, JsonNode.Parse(Assert.Single(_receiver.Received, r => r.Path == "/b").Body)!["id"]!.GetValue<string>());

        // The specification's route publishes to default, which the same id reaches separately again.
        var publishedInDefault = await platform.PublishAsync(new { id = eventId, type, data = new { school = "default" } });
        Assert.Equal(1, publishedInDefault["deliveries"]!.GetValue<int>());
        var deliveredInDefault = await platform.WaitForDeliveryAsync($"{eventId}:{inDefault}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(ApplicationIds.Default, deliveredInDefault.ApplicationId);
        Assert.Equal(["/a", "/b", "/default"], _receiver.Received.Select(r => r.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnApplicationsOwnRateLimitRefusesPublishesOverItsBudget()
    {
        var type = await platform.NewEventTypeAsync();
        var app = NewAppId();
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id = app, name = app, rateLimit = new { limit = 2, window = "00:10:00" } }), HttpStatusCode.Created);
        var other = await CreateAppAsync();

        await PublishInAsync(app, new { type, data = new { } });
        await PublishInAsync(app, new { type, data = new { } });
        var refused = await platform.Http.PostAsJsonAsync($"/api/apps/{app}/events", new { type, data = new { } });

        await ApiAssert.ErrorAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
        Assert.InRange(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        // The budget is the application's: another application and default publish on.
        await PublishInAsync(other, new { type, data = new { } });
        await platform.PublishAsync(new { type, data = new { } });
    }

    [Fact]
    public async Task AnIdempotencyKeyIsItsApplicationsOwn()
    {
        var type = await platform.NewEventTypeAsync();
        var (a, b) = (await CreateAppAsync(), await CreateAppAsync());
        var key = "key-" + Guid.NewGuid().ToString("N");

        var first = await PublishInAsync(a, new { type, data = new { n = 1 } }, key);
        var other = await PublishInAsync(b, new { type, data = new { n = 2 } }, key);

        // The same key with another body in another application is a new event, not a 409.
        Assert.NotEqual(first["eventId"]!.GetValue<string>(), other["eventId"]!.GetValue<string>());
        Assert.Equal(first["eventId"]!.GetValue<string>(), (await PublishInAsync(a, new { type, data = new { n = 1 } }, key))["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnEndpointOrDeliveryOfAnotherApplicationIsNotFound()
    {
        var type = await platform.NewEventTypeAsync();
        var (a, b) = (await CreateAppAsync(), await CreateAppAsync());
        var inA = await CreateEndpointInAsync(a, _receiver.Url("/a"), type);
        var eventId = "evt-own-" + Guid.NewGuid().ToString("N");
        await PublishInAsync(a, new { id = eventId, type, data = new { } });
        var deliveryId = $"{eventId}:{inA}";
        await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.Delivered);

        var own = await platform.GetDataAsync($"/api/apps/{a}/webhooks/{inA}");
        Assert.Equal(a, own["applicationId"]!.GetValue<string>());
        Assert.Equal([inA], (await platform.GetDataAsync($"/api/apps/{a}/webhooks")).AsArray().Select(e => e!["id"]!.GetValue<string>()));
        Assert.Equal(a, (await platform.GetDataAsync($"/api/apps/{a}/deliveries/{deliveryId}"))["applicationId"]!.GetValue<string>());
        Assert.Single((await platform.GetDataAsync($"/api/apps/{a}/webhooks/{inA}/deliveries"))["items"]!.AsArray());

        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/apps/{b}/webhooks/{inA}"));
        await ApiAssert.NotFoundAsync(await platform.Http.PutAsJsonAsync($"/api/apps/{b}/webhooks/{inA}", new { active = false }));
        await ApiAssert.NotFoundAsync(await platform.Http.DeleteAsync($"/api/apps/{b}/webhooks/{inA}"));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/webhooks/{inA}"));
        await ApiAssert.NotFoundAsync(await platform.Http.PostAsync($"/api/webhooks/{inA}/rotate-secret", null));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/webhooks/{inA}/deliveries"));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/deliveries/{deliveryId}"));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/apps/{b}/deliveries/{deliveryId}"));
        Assert.DoesNotContain(inA, (await platform.GetDataAsync("/api/webhooks")).AsArray().Select(e => e!["id"]!.GetValue<string>()));
        Assert.True((await platform.Grains.GetGrain<IEndpointGrain>(inA).GetAsync())!.Active);
    }

    [Fact]
    public async Task DeadLettersCarryTheirApplicationAndAreFilteredByIt()
    {
        _receiver.RespondWith(500);
        var type = await platform.NewEventTypeAsync();
        var (a, b) = (await CreateAppAsync(), await CreateAppAsync());
        var inA = await CreateEndpointInAsync(a, _receiver.Url("/a"), type, OneAttempt);
        var eventId = "evt-dlq-" + Guid.NewGuid().ToString("N");
        await PublishInAsync(a, new { id = eventId, type, data = new { } });
        var entryId = $"{eventId}:{inA}";
        await platform.WaitForDeliveryAsync(entryId, d => d.Status == DeliveryStatus.DeadLettered);

        var own = (await platform.GetDataAsync($"/api/apps/{a}/dead-letters?webhookConfigId={inA}"))["items"]!.AsArray();
        Assert.Equal(a, Assert.Single(own)!["applicationId"]!.GetValue<string>());
        var byFilter = (await platform.GetDataAsync($"/api/admin/webhooks/dead-letter-queue?applicationId={a}"))["items"]!.AsArray();
        Assert.Equal([entryId], byFilter.Select(e => e!["id"]!.GetValue<string>()));
        Assert.Empty((await platform.GetDataAsync($"/api/admin/webhooks/dead-letter-queue?applicationId=default&webhookConfigId={inA}"))["items"]!.AsArray());
        Assert.Empty((await platform.GetDataAsync($"/api/apps/{b}/dead-letters"))["items"]!.AsArray());
        Assert.Equal(a, (await platform.GetDataAsync($"/api/admin/webhooks/dead-letter-queue/{entryId}"))["applicationId"]!.GetValue<string>());
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/apps/{b}/dead-letters/{entryId}"));
        await ApiAssert.NotFoundAsync(await platform.Http.PostAsync($"/api/apps/{b}/dead-letters/{entryId}/replay", null));

        _receiver.RespondWith(200);
        var replay = await platform.PostDataAsync($"/api/apps/{a}/dead-letters/{entryId}/replay");
        var replayed = await platform.WaitForDeliveryAsync(replay["deliveryId"]!.GetValue<string>(), d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(a, replayed.ApplicationId);
    }

    [Fact]
    public async Task OperationalEventsGoToTheApplicationOfTheEndpointTheyConcern()
    {
        await using var operators = await WebhookReceiver.StartAsync();
        _receiver.RespondWith(500);
        var type = await platform.NewEventTypeAsync();
        var a = await CreateAppAsync();
        await CreateEndpointInAsync(a, operators.Url("/ops-a"), OperationalEvents.DeliveryExhausted);
        await platform.CreateEndpointAsync(operators.Url("/ops-default"), OperationalEvents.DeliveryExhausted);
        var failing = await CreateEndpointInAsync(a, _receiver.Url("/failing"), type, OneAttempt);
        var eventId = "evt-ops-" + Guid.NewGuid().ToString("N");

        await PublishInAsync(a, new { id = eventId, type, data = new { } });

        await operators.WaitForRequestsAsync(r => r.Path == "/ops-a" && r.Body.Contains(failing, StringComparison.Ordinal), 1);
        var exhausted = JsonNode.Parse(Assert.Single(operators.Received, r => r.Path == "/ops-a").Body)!;
        Assert.Equal($"{eventId}:{failing}", exhausted["data"]!["deliveryId"]!.GetValue<string>());

        // Emitted once, to the failing endpoint's application: the default application holds no event of that id.
        Assert.Null(await platform.Grains.GetGrain<IEventGrain>(exhausted["id"]!.GetValue<string>()).GetBodyAsync());
        Assert.NotNull(await platform.Grains.GetGrain<IEventGrain>(EventKeys.For(a, exhausted["id"]!.GetValue<string>())).GetBodyAsync());
        Assert.DoesNotContain(operators.Received, r => r.Path == "/ops-default" && r.Body.Contains(failing, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeletingAnApplicationDeletesItsEndpointsAndCancelsTheirPendingDeliveries()
    {
        _receiver.RespondWith(500);
        var type = await platform.NewEventTypeAsync();
        var app = await CreateAppAsync();
        var endpoint = await CreateEndpointInAsync(app, _receiver.Url("/doomed"), type,
            new { strategy = "linear", baseDelaySeconds = 3600, maxAttempts = 5, jitterFactor = 0 });
        var eventId = "evt-del-" + Guid.NewGuid().ToString("N");
        await PublishInAsync(app, new { id = eventId, type, data = new { } });
        var deliveryId = $"{eventId}:{endpoint}";
        await platform.AttemptRecordedAsync(_receiver, deliveryId, 1);

        var deleted = await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/apps/{app}"), HttpStatusCode.OK);

        Assert.True(deleted["deleted"]!.GetValue<bool>());
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/apps/{app}"));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/apps/{app}/webhooks"));
        await ApiAssert.NotFoundAsync(await platform.Http.PostAsJsonAsync($"/api/apps/{app}/events", new { type, data = new { } }));
        Assert.Null(await platform.Grains.GetGrain<IEndpointGrain>(endpoint).GetAsync());
        Assert.DoesNotContain(app, (await ListAllAsync(limit: 100)).Select(a => a["id"]!.GetValue<string>()));

        await platform.PostDataAsync("/api/admin/webhooks/process?force=true");
        var canceled = await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.Canceled);
        Assert.Single(canceled.Attempts);
        Assert.Single(_receiver.Received);
    }

    private static string NewAppId() => "app-test-" + Guid.NewGuid().ToString("N")[..16];

    private async Task<string> CreateAppAsync()
    {
        var id = NewAppId();
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id, name = id }), HttpStatusCode.Created);
        return id;
    }

    private async Task<string> CreateEndpointInAsync(string app, string url, string type, object? retryPolicy = null)
    {
        var response = await platform.Http.PostAsJsonAsync($"/api/apps/{app}/webhooks", new { url, events = new[] { type }, retryPolicy });
        var data = await ApiAssert.SuccessAsync(response, HttpStatusCode.Created);
        var id = data["id"]!.GetValue<string>();
        Assert.Equal($"/api/apps/{app}/webhooks/{id}", response.Headers.Location!.OriginalString);
        return id;
    }

    private async Task<JsonNode> PublishInAsync(string app, object request, string? idempotencyKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/apps/{app}/events") { Content = JsonContent.Create(request) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add(IdempotencyKeys.Header, idempotencyKey);
        }

        return await ApiAssert.SuccessAsync(await platform.Http.SendAsync(message), HttpStatusCode.Accepted);
    }

    private async Task<List<JsonNode>> ListAllAsync(int limit)
    {
        var all = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await platform.GetDataAsync($"/api/apps?limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 0, limit);
            all.AddRange(items.Select(i => i!));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return all;
    }
}
