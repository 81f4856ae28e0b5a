using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// Every mapped route × every credential scoped to application A, aimed at application B: each answers
/// 404 NOT_FOUND (or 403 FORBIDDEN where the role would be refused in A too), and nothing of B changes
/// and nothing reaches B's receiver. The last test fails when a route is mapped without a decision here.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class ApplicationAccessMatrixTests(PlatformFixture platform) : IAsyncLifetime
{
    private static readonly object OneAttempt = new { strategy = "linear", baseDelaySeconds = 0.5, maxAttempts = 1, jitterFactor = 0 };

    private static readonly string[] Credentials = ["admin", "publisher", "reader", "portal"];

    /// <summary>
    /// Routes that act on one application's entity or on the application itself, with the policy that
    /// guards them: a scoped credential aimed at B answers 404 when its role passes the policy, 403 otherwise.
    /// </summary>
    private static readonly Dictionary<string, Policy> OwnedRoutes = new(StringComparer.Ordinal)
    {
        // An application and its resources.
        ["GET /api/apps/{appId}"] = Policy.Read,
        ["PUT /api/apps/{appId}"] = Policy.Admin,
        ["DELETE /api/apps/{appId}"] = Policy.Admin,
        ["POST /api/apps/{appId}/portal-access"] = Policy.Admin,
        ["POST /api/apps/{appId}/portal-access/revoke"] = Policy.Admin,
        ["POST /api/apps/{appId}/webhooks"] = Policy.ManageEndpoints,
        ["GET /api/apps/{appId}/webhooks"] = Policy.Read,
        ["GET /api/apps/{appId}/webhooks/{id}"] = Policy.Read,
        ["PUT /api/apps/{appId}/webhooks/{id}"] = Policy.ManageEndpoints,
        ["DELETE /api/apps/{appId}/webhooks/{id}"] = Policy.ManageEndpoints,
        ["GET /api/apps/{appId}/webhooks/{id}/deliveries"] = Policy.Read,
        ["GET /api/apps/{appId}/webhooks/{id}/health"] = Policy.Read,
        ["POST /api/apps/{appId}/webhooks/{id}/enable"] = Policy.ManageEndpoints,
        ["POST /api/apps/{appId}/webhooks/{id}/rotate-secret"] = Policy.ManageEndpoints,
        ["POST /api/apps/{appId}/webhooks/{id}/test"] = Policy.ManageEndpoints,
        ["POST /api/apps/{appId}/events"] = Policy.Publish,
        ["DELETE /api/apps/{appId}/events/{eventId}/payload"] = Policy.Publish,
        ["GET /api/apps/{appId}/deliveries/{deliveryId}"] = Policy.Read,
        ["GET /api/apps/{appId}/dead-letters"] = Policy.Read,
        ["GET /api/apps/{appId}/dead-letters/{id}"] = Policy.Read,
        ["POST /api/apps/{appId}/dead-letters/{id}/replay"] = Policy.Publish,

        // The specification's routes act on default, which a key scoped to A does not see: B's ids in them too.
        ["POST /api/webhooks"] = Policy.ManageEndpoints,
        ["GET /api/webhooks"] = Policy.Read,
        ["GET /api/webhooks/{id}"] = Policy.Read,
        ["PUT /api/webhooks/{id}"] = Policy.ManageEndpoints,
        ["DELETE /api/webhooks/{id}"] = Policy.ManageEndpoints,
        ["GET /api/webhooks/{id}/deliveries"] = Policy.Read,
        ["GET /api/webhooks/{id}/health"] = Policy.Read,
        ["POST /api/webhooks/{id}/enable"] = Policy.ManageEndpoints,
        ["POST /api/webhooks/{id}/rotate-secret"] = Policy.ManageEndpoints,
        ["POST /api/webhooks/{id}/test"] = Policy.ManageEndpoints,
        ["POST /api/events"] = Policy.Publish,
        ["DELETE /api/events/{eventId}/payload"] = Policy.Publish,
        ["GET /api/deliveries/{deliveryId}"] = Policy.Read,

        // Admin routes on one entity of B, found by its global id.
        ["GET /api/admin/webhooks/dead-letter-queue/{id}"] = Policy.Admin,
        ["DELETE /api/admin/webhooks/dead-letter-queue/{id}"] = Policy.Admin,
        ["POST /api/admin/webhooks/dead-letter-queue/{id}/replay"] = Policy.Admin,
        ["POST /api/admin/webhooks/{id}/circuit-breaker/reset"] = Policy.Admin,
    };

    /// <summary>Admin routes that span every application: a scoped admin gets its own application's share, the other roles 403.</summary>
    private static readonly string[] ScopedAdminRoutes =
    [
        "GET /api/admin/webhooks/dead-letter-queue",
        "POST /api/admin/webhooks/dead-letter-queue/replay",
        "GET /api/admin/endpoints/health",
        "POST /api/admin/webhooks/process",
    ];

    /// <summary>Listing applications: any role, and a scoped credential sees only its own.</summary>
    private const string ApplicationList = "GET /api/apps";

    /// <summary>
    /// Routes that span applications or name none yet need an admin key that spans every application:
    /// every scoped credential gets 403 (a scoped admin cannot mint keys, create applications, read the
    /// cluster-wide monitor or client errors, or see inbound webhooks, which belong to no application yet).
    /// </summary>
    private static readonly string[] ClusterRoutes =
    [
        "POST /api/admin/api-keys",
        "GET /api/admin/api-keys",
        "GET /api/admin/api-keys/{id}",
        "DELETE /api/admin/api-keys/{id}",
        "POST /api/apps",
        "GET /api/admin/monitor",
        "GET /api/admin/client-errors",
        "GET /api/admin/inbound/messages",
        "GET /api/admin/inbound/messages/{id}",
        "GET /api/admin/inbound/stats",
        "GET /api/admin/inbound/dead-letter",
        "POST /api/admin/inbound/dead-letter/replay",
        "GET /api/admin/inbound/dead-letter/{id}",
        "POST /api/admin/inbound/dead-letter/{id}/replay",
        "POST /api/admin/sources",
        "GET /api/admin/sources",
        "GET /api/admin/sources/{id}",
        "PUT /api/admin/sources/{id}",
        "DELETE /api/admin/sources/{id}",
    ];

    /// <summary>Out of the matrix, each with the reason.</summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["GET /api/health"] = "anonymous liveness, names no application",
        ["POST /api/client-errors"] = "anonymous browser error report, names no application",
        ["POST /api/inbound/{sourceId}"] = "anonymous inbound receive, authenticated by the source's signature",
        ["GET /api/event-types"] = "the event-type catalogue is shared by every application",
        ["POST /api/event-types"] = "the event-type catalogue is shared by every application",
    };

    private WebhookReceiver _receiverA = null!;
    private WebhookReceiver _receiverB = null!;

    private enum Policy
    {
        Read,
        Publish,
        ManageEndpoints,
        Admin,
    }

    public async Task InitializeAsync()
    {
        _receiverA = await WebhookReceiver.StartAsync();
        _receiverB = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiverA.DisposeAsync();
        await _receiverB.DisposeAsync();
    }

    [Fact]
    public async Task EveryRouteAimedAtAnotherApplicationAnswers404Or403AndChangesNothingThere()
    {
        var type = await platform.NewEventTypeAsync();
        var a = await SetUpApplicationAsync(_receiverA, type);
        var b = await SetUpApplicationAsync(_receiverB, type);
        var keyOfB = (await CreateKeyAsync("reader", b.App))["id"]!.GetValue<string>();
        var before = await SnapshotAsync(b);
        var receivedByB = _receiverB.Received.Count;
        var clients = await CredentialsForAsync(a.App);
        var answers = new List<string>();

        foreach (var (credential, client) in clients)
        {
            foreach (var (route, policy) in OwnedRoutes)
            {
                var response = await SendAsync(client, route, b with { Key = keyOfB }, type);
                if (Passes(credential, policy))
                {
                    await AssertAnswerAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound, credential, route, answers);
                }
                else
                {
                    await AssertAnswerAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden, credential, route, answers);

                    // A role failure may be 403 only because the role is refused in its own application too.
                    var own = await SendAsync(client, OwnEquivalent(route), a, type);
                    await AssertAnswerAsync(own, HttpStatusCode.Forbidden, ErrorCodes.Forbidden, credential, "own " + route, answers);
                }
            }

            foreach (var route in ClusterRoutes)
            {
                var response = await SendAsync(client, route, b with { Key = keyOfB }, type, body: new { name = "escalation", role = "admin", applicationId = b.App });
                await AssertAnswerAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden, credential, route, answers);
            }

            foreach (var route in ScopedAdminRoutes)
            {
                var response = await SendAsync(client, route, b, type);
                if (credential != "admin")
                {
                    await AssertAnswerAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden, credential, route, answers);
                    continue;
                }

                // Even asked for B by filter, a scoped admin is held to A.
                var filtered = await SendAsync(client, route, b, type, query: $"?applicationId={b.App}");
                foreach (var shown in new[] { response, filtered })
                {
                    var text = await shown.Content.ReadAsStringAsync();
                    Assert.True(shown.StatusCode == HttpStatusCode.OK, $"{credential} {route}: {(int)shown.StatusCode} {text}");
                    Assert.DoesNotContain(b.Endpoint, text, StringComparison.Ordinal);
                    Assert.DoesNotContain(b.App, text, StringComparison.Ordinal);
                }
            }

            var listed = await ApiAssert.SuccessAsync(await client.GetAsync("/api/apps"), HttpStatusCode.OK);
            Assert.Equal([a.App], listed["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        }

        Assert.True(answers.Count == 0, string.Join('\n', answers));
        Assert.Equal(before, await SnapshotAsync(b));

        // A marker published last by the bootstrap admin: once it arrived, anything the matrix sent B would have too.
        var marker = "evt-marker-" + Guid.NewGuid().ToString("N");
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync($"/api/apps/{b.App}/events", new { id = marker, type, data = new { } }), HttpStatusCode.Accepted);
        await _receiverB.WaitForRequestsAsync(r => r.Body.Contains(marker, StringComparison.Ordinal), 1, TimeSpan.FromSeconds(30));
        await platform.WaitForDeliveryAsync($"{marker}:{b.Endpoint}", d => d.Status == DeliveryStatus.Delivered);
        var arrived = _receiverB.Received.Skip(receivedByB).ToList();
        Assert.Equal(marker, JsonNode.Parse(Assert.Single(arrived).Body)!["id"]!.GetValue<string>());
        Assert.DoesNotContain(_receiverA.Received, r => r.Body.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSameCredentialsSucceedOnTheirOwnApplication()
    {
        var type = await platform.NewEventTypeAsync();
        var a = await SetUpApplicationAsync(_receiverA, type);
        var clients = await CredentialsForAsync(a.App);

        foreach (var (credential, client) in clients)
        {
            var endpoint = await ApiAssert.SuccessAsync(await client.GetAsync($"/api/apps/{a.App}/webhooks/{a.Endpoint}"), HttpStatusCode.OK);
            Assert.Equal(a.App, endpoint["applicationId"]!.GetValue<string>());
            var deliveries = await ApiAssert.SuccessAsync(await client.GetAsync($"/api/apps/{a.App}/webhooks/{a.Endpoint}/deliveries"), HttpStatusCode.OK);
            Assert.Contains(a.Delivery, deliveries["items"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()));
            var delivery = await ApiAssert.SuccessAsync(await client.GetAsync($"/api/apps/{a.App}/deliveries/{a.Delivery}"), HttpStatusCode.OK);
            Assert.Equal(a.App, delivery["applicationId"]!.GetValue<string>());
            var entry = await ApiAssert.SuccessAsync(await client.GetAsync($"/api/apps/{a.App}/dead-letters/{a.DeadLetter}"), HttpStatusCode.OK);
            Assert.Equal(a.App, entry["applicationId"]!.GetValue<string>());

            var published = await client.PostAsJsonAsync($"/api/apps/{a.App}/events", new { type, data = new { by = credential } });
            if (credential is "admin" or "publisher")
            {
                Assert.Equal(1, (await ApiAssert.SuccessAsync(published, HttpStatusCode.Accepted))["deliveries"]!.GetValue<int>());
            }
            else
            {
                await ApiAssert.ErrorAsync(published, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            }
        }

        // Scoped to A, the admin's view of the admin-wide queue is A's share, and it is not empty.
        var queue = await ApiAssert.SuccessAsync(await clients["admin"].GetAsync("/api/admin/webhooks/dead-letter-queue?limit=100"), HttpStatusCode.OK);
        Assert.Contains(a.DeadLetter, queue["items"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
        Assert.All(queue["items"]!.AsArray(), e => Assert.Equal(a.App, e!["applicationId"]!.GetValue<string>()));
        Assert.Equal(a.DeadLetter, (await ApiAssert.SuccessAsync(await clients["admin"].GetAsync($"/api/admin/webhooks/dead-letter-queue/{a.DeadLetter}"), HttpStatusCode.OK))["id"]!.GetValue<string>());
    }

    [Fact]
    public void EveryMappedRouteHasADecision()
    {
        var mapped = platform.Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Where(r => !IsOutsideTheApi(r))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var decided = OwnedRoutes.Keys.Concat(ScopedAdminRoutes).Concat(ClusterRoutes).Append(ApplicationList).Concat(Exempt.Keys);

        Assert.Equal(decided.Order(StringComparer.Ordinal), mapped);
    }

    // Outside /api/ are only the anonymous documentation (/, /api-docs, /api-docs.yaml), which names no application.
    private static bool IsOutsideTheApi(string route) => !route.Split(' ')[1].StartsWith("/api/", StringComparison.Ordinal);

    private static bool Passes(string credential, Policy policy) => (credential, policy) switch
    {
        ("admin", _) => true,
        ("publisher", not Policy.Admin) => true,
        ("reader", Policy.Read) => true,
        ("portal", Policy.Read or Policy.ManageEndpoints) => true,
        _ => false,
    };

    /// <summary>The route a credential scoped to A would use on A itself: the specification's routes act on default, so A's are under /api/apps.</summary>
    private static string OwnEquivalent(string route)
    {
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
        foreach (var prefix in new[] { "/api/webhooks", "/api/events", "/api/deliveries" })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return $"{method} /api/apps/{{appId}}{path["/api".Length..]}";
            }
        }

        return route;
    }

    private static async Task AssertAnswerAsync(HttpResponseMessage response, HttpStatusCode status, string code, string credential, string route, List<string> wrong)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status || !text.Contains($"\"code\":\"{code}\"", StringComparison.Ordinal))
        {
            wrong.Add($"{credential} {route}: expected {(int)status}, got {(int)response.StatusCode} {text}");
            return;
        }

        await ApiAssert.ErrorAsync(response, status, code);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string route, Target target, string type, object? body = null, string query = "")
    {
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var path = template
            .Replace("{appId}", target.App, StringComparison.Ordinal)
            .Replace("{deliveryId}", target.Delivery, StringComparison.Ordinal)
            .Replace("{eventId}", target.Delivery.Split(':')[0], StringComparison.Ordinal)
            .Replace("{id}", template.Contains("dead-letter", StringComparison.Ordinal) ? target.DeadLetter
                : template.Contains("api-keys", StringComparison.Ordinal) ? target.Key : target.Endpoint, StringComparison.Ordinal);
        body ??= (method, template) switch
        {
            ("POST", _) when template.EndsWith("/webhooks", StringComparison.Ordinal) => new { url = _receiverB.Url("/stolen"), events = new[] { type } },
            ("PUT", _) when template.EndsWith("/webhooks/{id}", StringComparison.Ordinal) => new { url = _receiverB.Url("/stolen"), active = false },
            ("POST", _) when template.EndsWith("/events", StringComparison.Ordinal) => new { type, data = new { stolen = true } },
            ("PUT", "/api/apps/{appId}") => new { name = "stolen" },
            ("POST", _) when template.EndsWith("/rotate-secret", StringComparison.Ordinal) => new { },
            _ => null,
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), path + query) { Content = body is null ? null : JsonContent.Create(body) };
        return await client.SendAsync(request);
    }

    /// <summary>An application with an endpoint on <paramref name="receiver"/>, whose first delivery was dead-lettered.</summary>
    private async Task<Target> SetUpApplicationAsync(WebhookReceiver receiver, string type)
    {
        var app = "app-matrix-" + Guid.NewGuid().ToString("N")[..16];
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id = app, name = app }), HttpStatusCode.Created);
        var endpoint = (await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync($"/api/apps/{app}/webhooks", new { url = receiver.Url("/" + app), events = new[] { type }, retryPolicy = OneAttempt }),
            HttpStatusCode.Created))["id"]!.GetValue<string>();

        receiver.RespondWith(500);
        var eventId = "evt-matrix-" + Guid.NewGuid().ToString("N");
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync($"/api/apps/{app}/events", new { id = eventId, type, data = new { } }), HttpStatusCode.Accepted);
        var deliveryId = $"{eventId}:{endpoint}";
        await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.DeadLettered);
        await Eventually.HoldsAsync(async () => (await platform.Http.GetAsync($"/api/apps/{app}/dead-letters/{deliveryId}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), () => $"no dead-letter entry {deliveryId}");
        receiver.RespondWith(200);
        return new Target(app, endpoint, deliveryId, deliveryId, Key: "");
    }

    private async Task<Dictionary<string, HttpClient>> CredentialsForAsync(string app)
    {
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var role in Credentials.Where(c => c != "portal"))
        {
            clients[role] = platform.ClientWithKey((await CreateKeyAsync(role, app))["key"]!.GetValue<string>());
        }

        var portal = await ApiAssert.SuccessAsync(await platform.Http.PostAsync($"/api/apps/{app}/portal-access", null), HttpStatusCode.OK);
        clients["portal"] = platform.ClientWithKey(portal["token"]!.GetValue<string>());
        return clients;
    }

    private async Task<JsonNode> CreateKeyAsync(string role, string app) =>
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = $"matrix {role}", role, applicationId = app }), HttpStatusCode.Created);

    /// <summary>What the bootstrap admin sees of B: the application, its endpoints, the endpoint, its delivery and its dead letter.</summary>
    private async Task<string> SnapshotAsync(Target b)
    {
        var parts = new[]
        {
            $"/api/apps/{b.App}", $"/api/apps/{b.App}/webhooks", $"/api/apps/{b.App}/webhooks/{b.Endpoint}", $"/api/apps/{b.App}/webhooks/{b.Endpoint}/health",
            $"/api/apps/{b.App}/deliveries/{b.Delivery}", $"/api/apps/{b.App}/dead-letters/{b.DeadLetter}", $"/api/apps/{b.App}/dead-letters",
            $"/api/admin/webhooks/dead-letter-queue/{b.DeadLetter}", $"/api/apps/{b.App}/webhooks/{b.Endpoint}/deliveries",
        };
        var shown = new List<string>();
        foreach (var path in parts)
        {
            shown.Add(path + " " + (await platform.GetDataAsync(path)).ToJsonString());
        }

        return string.Join('\n', shown);
    }

    private sealed record Target(string App, string Endpoint, string Delivery, string DeadLetter, string Key);
}
