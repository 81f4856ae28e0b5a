using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// API keys created, used, listed and revoked through <c>/api/admin/api-keys</c>, against the real
/// gateway and cluster. The shared platform's gateway reuses what it learnt about a key for 2 s
/// (<c>AuthCache:MaxAge</c>), the bound within which a revocation must take effect.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class ApiKeyTests(PlatformFixture platform)
{
    [Fact]
    public async Task ACreatedKeyIsShownOnceAndAuthenticatesWithItsRole()
    {
        var created = await CreateKeyAsync("reader", "reporting");
        var key = created["key"]!.GetValue<string>();
        using var reader = platform.ClientWithKey(key);

        Assert.Matches("^akk_[A-Za-z0-9_-]{43}$", key);
        Assert.Matches("^key_[0-9a-f]{26}$", created["id"]!.GetValue<string>());
        Assert.Equal(("reporting", "reader"), (created["name"]!.GetValue<string>(), created["role"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/webhooks")).StatusCode);
        await ApiAssert.ErrorAsync(await reader.PostAsJsonAsync("/api/events", new { type = "grade.created", data = new { } }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await reader.PostAsJsonAsync("/api/webhooks", new { }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task APublisherKeyPublishesButCannotReachTheAdminRoutes()
    {
        var type = await platform.NewEventTypeAsync();
        using var publisher = platform.ClientWithKey((await CreateKeyAsync("publisher"))["key"]!.GetValue<string>());

        var published = await publisher.PostAsJsonAsync("/api/events", new { type, data = new { n = 1 } });
        var deadLetters = await publisher.GetAsync("/api/admin/webhooks/dead-letter-queue");
        var keys = await publisher.GetAsync("/api/admin/api-keys");

        Assert.Equal(HttpStatusCode.Accepted, published.StatusCode);
        await ApiAssert.ErrorAsync(deadLetters, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(keys, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task AnAdminKeyReachesTheAdminRoutesAndCanCreateKeysItself()
    {
        using var admin = platform.ClientWithKey((await CreateKeyAsync("admin"))["key"]!.GetValue<string>());

        var deadLetters = await admin.GetAsync("/api/admin/webhooks/dead-letter-queue");
        var another = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "made by a managed key", role = "reader" });

        Assert.Equal(HttpStatusCode.OK, deadLetters.StatusCode);
        Assert.Equal(HttpStatusCode.Created, another.StatusCode);
    }

    [Fact]
    public async Task TheListIsNewestFirstPagedAndShowsNeitherTheKeyNorItsDigest()
    {
        var made = new List<JsonNode>();
        for (var i = 0; i < 3; i++)
        {
            made.Add(await CreateKeyAsync("reader", $"listed-{i}"));
        }

        var first = await platform.GetDataAsync("/api/admin/api-keys?limit=2");
        var cursor = first["nextCursor"]!.GetValue<string>();
        var secondResponse = await platform.Http.GetAsync($"/api/admin/api-keys?limit=2&cursor={Uri.EscapeDataString(cursor)}");
        var second = await ApiAssert.SuccessAsync(secondResponse, HttpStatusCode.OK);

        Assert.Equal([Id(made[2]), Id(made[1])], first["items"]!.AsArray().Select(Id));
        Assert.Equal(Id(made[0]), Id(second["items"]!.AsArray()[0]!));
        var text = await (await platform.Http.GetAsync("/api/admin/api-keys?limit=100")).Content.ReadAsStringAsync();
        foreach (var key in made.Select(m => m["key"]!.GetValue<string>()))
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexStringLower(ApiKeyTokens.Digest(key)), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(ApiKeyTokens.Digest(key)), text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(ApiAssert.PropertyNames(JsonNode.Parse(text)), n => n is "key" or "digest");
        await ApiAssert.ValidationErrorAsync(await platform.Http.GetAsync("/api/admin/api-keys?limit=101"), "limit");
        await ApiAssert.ValidationErrorAsync(await platform.Http.GetAsync("/api/admin/api-keys?cursor=nonsense"), "cursor");
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedWith401WithinTheCacheAge()
    {
        var created = await CreateKeyAsync("admin");
        var id = Id(created);
        using var client = platform.ClientWithKey(created["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/webhooks")).StatusCode);

        var revoked = await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/admin/api-keys/{id}"), HttpStatusCode.OK);
        var watch = Stopwatch.StartNew();
        HttpResponseMessage? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            last = await client.GetAsync("/api/webhooks");
            return last.StatusCode != HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(10), () => $"still {(int)last!.StatusCode}");
        var refusedAfter = watch.Elapsed;

        await ApiAssert.ErrorAsync(last!, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.True(refusedAfter <= platform.Options.AuthCache.MaxAge + TimeSpan.FromSeconds(1), $"refused only after {refusedAfter}");
        Assert.NotNull(revoked["revokedAt"]);
        var shown = await platform.GetDataAsync($"/api/admin/api-keys/{id}");
        Assert.Equal(revoked["revokedAt"]!.GetValue<DateTimeOffset>(), shown["revokedAt"]!.GetValue<DateTimeOffset>());
        var listed = (await platform.GetDataAsync("/api/admin/api-keys?limit=100"))["items"]!.AsArray().Single(k => Id(k!) == id)!;
        Assert.NotNull(listed["revokedAt"]);
    }

    [Fact]
    public async Task AKeyScopedToAnApplicationCarriesItAndCannotManageKeys()
    {
        var created = await CreateKeyAsync("admin", applicationId: "default");
        using var scoped = platform.ClientWithKey(created["key"]!.GetValue<string>());

        var keys = await scoped.GetAsync("/api/admin/api-keys");
        var create = await scoped.PostAsJsonAsync("/api/admin/api-keys", new { name = "escalation", role = "admin" });

        Assert.Equal("default", created["applicationId"]!.GetValue<string>());
        await ApiAssert.ErrorAsync(keys, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(create, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await scoped.GetAsync("/api/webhooks")).StatusCode);
    }

    [Fact]
    public async Task BadInputIsRefusedWithTheFieldsNamed()
    {
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        var farAway = DateTimeOffset.UtcNow.AddYears(11);

        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { }), "name", "role");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = "x", role = "root", expiresAt = past }), "role", "expiresAt");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = new string('n', 101), role = "reader", expiresAt = farAway }), "name", "expiresAt");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = "x", role = "reader", applicationId = "app_nobody" }), "applicationId");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = "x", role = "reader", expiresAt = "tomorrow" }), "expiresAt");
    }

    [Fact]
    public async Task AnUnknownKeyIdAnswers404AndAnUnknownManagedKey401()
    {
        using var unknown = platform.ClientWithKey(ApiKeyTokens.New());

        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync("/api/admin/api-keys/key_00000000000000000000000000"));
        await ApiAssert.NotFoundAsync(await platform.Http.DeleteAsync("/api/admin/api-keys/key_00000000000000000000000000"));
        await ApiAssert.ErrorAsync(await unknown.GetAsync("/api/webhooks"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task CreationAndRevocationAreOperationalEventsThatCarryNoSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(receiver.Url(), "api_key.created", "api_key.revoked");
        try
        {
            var created = await CreateKeyAsync("publisher", "announced");
            var id = Id(created);
            var key = created["key"]!.GetValue<string>();
            await platform.Http.DeleteAsync($"/api/admin/api-keys/{id}");

            await receiver.WaitForRequestsAsync(r => r.Body.Contains(id, StringComparison.Ordinal), 2, TimeSpan.FromSeconds(30));
            var bodies = receiver.Received.Where(r => r.Body.Contains(id, StringComparison.Ordinal)).Select(r => JsonNode.Parse(r.Body)!).ToArray();

            Assert.Equal(["api_key.created", "api_key.revoked"], bodies.Select(b => b["type"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            Assert.All(bodies, b => Assert.Equal(("announced", "publisher"), (b["data"]!["name"]!.GetValue<string>(), b["data"]!["role"]!.GetValue<string>())));
            Assert.All(receiver.Received, r => Assert.DoesNotContain(key, r.Body, StringComparison.Ordinal));
            Assert.All(receiver.Received, r => Assert.DoesNotContain(Convert.ToHexStringLower(ApiKeyTokens.Digest(key)), r.Body, StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await platform.Http.DeleteAsync($"/api/webhooks/{endpointId}");
        }
    }

    private async Task<JsonNode> CreateKeyAsync(string role, string name = "test key", string? applicationId = null)
    {
        var response = await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name, role, applicationId });
        var created = await ApiAssert.SuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/admin/api-keys/{Id(created)}", response.Headers.Location?.ToString());
        return created;
    }

    private static string Id(JsonNode? key) => key!["id"]!.GetValue<string>();
}
