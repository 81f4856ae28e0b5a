using System.Net;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary><c>GET /api/health</c> is public and polled often: its storage probe is cached, so polls cost no write each.</summary>
public sealed class HealthCacheTests(HealthCacheFixture platform) : IClassFixture<HealthCacheFixture>
{
    [Fact]
    public async Task HealthPollsInsideTheCacheWindowCostOneProbeWrite()
    {
        using var anonymous = platform.AnonymousClient();
        var before = platform.Writes.Of("storage-probe").Writes;

        // Polls one after another, then many at once: one probe runs, the others share its result.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => anonymous.GetAsync("/api/health")));
        Assert.All(concurrent, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var after = platform.Writes.Of("storage-probe").Writes;
        Assert.InRange(after - before, 0, 1);
        Assert.True(after >= 1, "the probe never wrote");
        var health = await PlatformFixture.ReadJsonAsync(await anonymous.GetAsync("/api/health"), HttpStatusCode.OK);
        Assert.Equal("healthy", health["data"]!["systemHealth"]!["storage"]!["status"]!.GetValue<string>());
    }
}
