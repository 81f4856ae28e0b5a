using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// Portal tokens through the real gateway and cluster, on the fake clock of <see cref="AccessFixture"/>
/// (the gateway's cache and expiry checks and the grains read it), so expiry and the revocation
/// bound are reached by moving the clock, not by waiting. Until applications can be created, the
/// default application is the one that exists.
/// </summary>
[Collection(nameof(AccessCollection))]
public sealed class PortalAccessTests(AccessFixture platform)
{
    private static readonly TimeSpan CacheAge = new Akademia.Webhooks.ApiGateway.Security.AuthCacheOptions().MaxAge;

    [Fact]
    public async Task ATokenIsIssuedForFifteenMinutesAndReadsAndManagesTheEndpointsOfItsApplication()
    {
        var type = await platform.NewEventTypeAsync();
        var now = AccessFixture.Clock.GetUtcNow();

        var issued = await IssueAsync();
        using var portal = platform.ClientWithKey(issued["token"]!.GetValue<string>());
        var list = await portal.GetAsync("/api/webhooks");
        var created = await ApiAssert.SuccessAsync(await portal.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/portal", events = new[] { type } }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var updated = await portal.PutAsJsonAsync($"/api/webhooks/{id}", new { description = "changed in the portal" });
        var deleted = await portal.DeleteAsync($"/api/webhooks/{id}");

        Assert.StartsWith("akp_", issued["token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("default", issued["applicationId"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((now + TimeSpan.FromMinutes(15)).ToUnixTimeSeconds()), issued["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    [Fact]
    public async Task ATokenMayNeitherPublishNorAdministerAndIsToldSoWith403()
    {
        using var portal = platform.ClientWithKey((await IssueAsync())["token"]!.GetValue<string>());

        var refused = new Dictionary<string, HttpResponseMessage>
        {
            ["publish"] = await portal.PostAsJsonAsync("/api/events", new { type = "grade.created", data = new { } }),
            ["register a type"] = await portal.PostAsJsonAsync("/api/event-types", new { name = "portal.made" }),
            ["dead letters"] = await portal.GetAsync("/api/admin/webhooks/dead-letter-queue"),
            ["process"] = await portal.PostAsync("/api/admin/webhooks/process", null),
            ["api keys"] = await portal.GetAsync("/api/admin/api-keys"),
            ["portal access"] = await portal.PostAsync("/api/apps/default/portal-access", null),
        };

        foreach (var (name, response) in refused)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {(int)response.StatusCode} {body}");
            await ApiAssert.ErrorAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }
    }

    [Fact]
    public async Task AnExpiredTokenAnswers401Unauthorized()
    {
        var issued = await IssueAsync();
        using var portal = platform.ClientWithKey(issued["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/api/webhooks")).StatusCode);

        AccessFixture.Clock.SetUtcNow(issued["expiresAt"]!.GetValue<DateTimeOffset>());

        await ApiAssert.ErrorAsync(await portal.GetAsync("/api/webhooks"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task ARevocationStopsEveryEarlierTokenWithinTheCacheAgeAndLaterTokensWork()
    {
        using var seen = platform.ClientWithKey((await IssueAsync())["token"]!.GetValue<string>());
        using var unseen = platform.ClientWithKey((await IssueAsync())["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await seen.GetAsync("/api/webhooks")).StatusCode);

        var revocation = await ApiAssert.SuccessAsync(await platform.Http.PostAsync("/api/apps/default/portal-access/revoke", null), HttpStatusCode.OK);
        var unseenAtOnce = await unseen.GetAsync("/api/webhooks");
        var seenAtOnce = await seen.GetAsync("/api/webhooks");
        AccessFixture.Clock.Advance(CacheAge - TimeSpan.FromMilliseconds(1));
        var seenJustBeforeTheBound = await seen.GetAsync("/api/webhooks");
        AccessFixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var seenAtTheBound = await seen.GetAsync("/api/webhooks");
        using var later = platform.ClientWithKey((await IssueAsync())["token"]!.GetValue<string>());

        Assert.Equal("default", revocation["applicationId"]!.GetValue<string>());
        await ApiAssert.ErrorAsync(unseenAtOnce, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        // The gateway reuses what it verified for up to AuthCache:MaxAge: that is the bound, and it holds.
        Assert.Equal(HttpStatusCode.OK, seenAtOnce.StatusCode);
        Assert.Equal(HttpStatusCode.OK, seenJustBeforeTheBound.StatusCode);
        await ApiAssert.ErrorAsync(seenAtTheBound, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/api/webhooks")).StatusCode);
    }

    [Fact]
    public async Task AForgedOrTamperedTokenAnswers401()
    {
        var token = (await IssueAsync())["token"]!.GetValue<string>();
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var payload = Encoding.UTF8.GetString(FromBase64Url(token[4..dot]));
        var fields = payload.Split('|');
        var mac = token[(dot + 1)..];
        var laterExpiry = string.Join('|', fields[0], fields[1], fields[2], (long.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture) + 86400).ToString(System.Globalization.CultureInfo.InvariantCulture), fields[4]);
        var otherApplication = string.Join('|', fields[0], "app_other", fields[2], fields[3], fields[4]);
        var signedWithTheEncryptionKey = System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(PlatformFixture.TestEncryptionKey), Encoding.UTF8.GetBytes(token[..dot]));

        var forgeries = new Dictionary<string, string>
        {
            ["later expiry, same MAC"] = "akp_" + ToBase64Url(Encoding.UTF8.GetBytes(laterExpiry)) + "." + mac,
            ["other application, same MAC"] = "akp_" + ToBase64Url(Encoding.UTF8.GetBytes(otherApplication)) + "." + mac,
            ["MAC changed"] = token[..(dot + 1)] + (mac[0] == 'A' ? 'B' : 'A') + mac[1..],
            ["MAC with the encryption key itself"] = token[..(dot + 1)] + ToBase64Url(signedWithTheEncryptionKey),
            ["not a token"] = "akp_garbage",
        };

        foreach (var (name, forged) in forgeries)
        {
            using var client = platform.ClientWithKey(forged);
            var response = await client.GetAsync("/api/webhooks");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {(int)response.StatusCode}");
            await ApiAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        }
    }

    [Fact]
    public async Task OnlyAnAdminOfTheApplicationIssuesTokensAndAnyOtherApplicationAnswers404()
    {
        var scopedKey = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = "default's admin", role = "admin", applicationId = "default" }), HttpStatusCode.Created);
        using var scoped = platform.ClientWithKey(scopedKey["key"]!.GetValue<string>());
        using var publisher = platform.ClientWithKey(PlatformFixture.PublisherKey);

        var byScopedAdmin = await scoped.PostAsync("/api/apps/default/portal-access", null);
        var foreignToScopedAdmin = await scoped.PostAsync("/api/apps/app_other/portal-access", null);
        var unknownToAdmin = await platform.Http.PostAsync("/api/apps/app_unknown/portal-access", null);
        var byPublisher = await publisher.PostAsync("/api/apps/default/portal-access", null);

        Assert.Equal(HttpStatusCode.OK, byScopedAdmin.StatusCode);
        await ApiAssert.NotFoundAsync(foreignToScopedAdmin);
        await ApiAssert.NotFoundAsync(unknownToAdmin);
        await ApiAssert.NotFoundAsync(await platform.Http.PostAsync("/api/apps/app_unknown/portal-access/revoke", null));
        await ApiAssert.ErrorAsync(byPublisher, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    private async Task<JsonNode> IssueAsync() =>
        await ApiAssert.SuccessAsync(await platform.Http.PostAsync("/api/apps/default/portal-access", null), HttpStatusCode.OK);

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
