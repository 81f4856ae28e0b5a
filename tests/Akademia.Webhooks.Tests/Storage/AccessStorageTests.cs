using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Api;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Storage;

/// <summary>
/// Managed keys, their listing and the portal revocation epoch are stored state: on Redis they come
/// back after every silo and the gateway restarted, through the storage's real JSON.
/// </summary>
[Trait("Category", "Redis")]
public sealed class AccessStorageTests(RedisPlatformFixture platform) : IClassFixture<RedisPlatformFixture>
{
    [Fact]
    public async Task KeysTheirListingAndThePortalEpochSurviveAClusterRestartOnRedis()
    {
        var live = await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = "survives", role = "reader" }), HttpStatusCode.Created);
        var revoked = await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = "stays revoked", role = "admin" }), HttpStatusCode.Created);
        await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/admin/api-keys/{revoked["id"]!.GetValue<string>()}"), HttpStatusCode.OK);
        var before = (await ApiAssert.SuccessAsync(await platform.Http.PostAsync("/api/apps/default/portal-access", null), HttpStatusCode.OK))["token"]!.GetValue<string>();
        await ApiAssert.SuccessAsync(await platform.Http.PostAsync("/api/apps/default/portal-access/revoke", null), HttpStatusCode.OK);

        await platform.RestartClusterAsync();

        using var liveClient = platform.ClientWithKey(live["key"]!.GetValue<string>());
        using var revokedClient = platform.ClientWithKey(revoked["key"]!.GetValue<string>());
        using var beforeClient = platform.ClientWithKey(before);
        var after = (await ApiAssert.SuccessAsync(await platform.Http.PostAsync("/api/apps/default/portal-access", null), HttpStatusCode.OK))["token"]!.GetValue<string>();
        using var afterClient = platform.ClientWithKey(after);
        var listed = (await platform.GetDataAsync("/api/admin/api-keys?limit=2"))["items"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, (await liveClient.GetAsync("/api/webhooks")).StatusCode);
        await ApiAssert.ErrorAsync(await revokedClient.GetAsync("/api/webhooks"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await ApiAssert.ErrorAsync(await beforeClient.GetAsync("/api/webhooks"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await afterClient.GetAsync("/api/webhooks")).StatusCode);
        Assert.Equal(["stays revoked", "survives"], listed.Select(k => k!["name"]!.GetValue<string>()));
        Assert.NotNull(listed[0]!["revokedAt"]);
    }
}
