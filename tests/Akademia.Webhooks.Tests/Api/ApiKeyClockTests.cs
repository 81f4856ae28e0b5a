using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>Managed keys against the gateway's clock (<see cref="AccessFixture"/>): expiry, and the exact revocation bound.</summary>
[Collection(nameof(AccessCollection))]
public sealed class ApiKeyClockTests(AccessFixture platform)
{
    private static readonly TimeSpan CacheAge = new AuthCacheOptions().MaxAge;

    [Fact]
    public async Task AKeyWorksUntilItsExpiryAndAnswers401From()
    {
        var expiresAt = AccessFixture.Clock.GetUtcNow() + TimeSpan.FromHours(1);
        var created = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = "expiring", role = "reader", expiresAt }), HttpStatusCode.Created);
        using var client = platform.ClientWithKey(created["key"]!.GetValue<string>());

        AccessFixture.Clock.SetUtcNow(expiresAt - TimeSpan.FromMilliseconds(1));
        var justBefore = await client.GetAsync("/api/webhooks");
        AccessFixture.Clock.SetUtcNow(expiresAt);
        var atExpiry = await client.GetAsync("/api/webhooks");

        Assert.Equal(expiresAt, created["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(HttpStatusCode.OK, justBefore.StatusCode);
        await ApiAssert.ErrorAsync(atExpiry, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task ARevokedKeyIsStillAcceptedJustBeforeTheCacheAgeAndRefusedAtIt()
    {
        var created = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = "revoked on the clock", role = "publisher" }), HttpStatusCode.Created);
        using var client = platform.ClientWithKey(created["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/webhooks")).StatusCode);

        await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/admin/api-keys/{created["id"]!.GetValue<string>()}"), HttpStatusCode.OK);
        AccessFixture.Clock.Advance(CacheAge - TimeSpan.FromMilliseconds(1));
        var justBefore = await client.GetAsync("/api/webhooks");
        AccessFixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var atTheBound = await client.GetAsync("/api/webhooks");

        Assert.Equal(HttpStatusCode.OK, justBefore.StatusCode);
        await ApiAssert.ErrorAsync(atTheBound, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }
}
