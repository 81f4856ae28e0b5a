using Akademia.Webhooks.ApiGateway.Security;
using Microsoft.AspNetCore.Http;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class RateLimitRoutesTests
{
    private readonly RateLimitOptions _options = new();

    [Theory]
    [InlineData("/api/apps", "standard")]
    [InlineData("/api/apps/{appid}/webhooks/{id}", "standard")]
    [InlineData("/api/apps/{appid}/events", "standard")]
    [InlineData("/api/admin/webhooks/dead-letter-queue", "strict")]
    [InlineData("/api/some-later-route", "standard")]
    public void EveryApiRouteHasATierWithoutAKey(string template, string tier)
    {
        Assert.Equal(tier, _options.TierFor(new PathString(template)));
    }

    [Theory]
    [InlineData("/api/events", RateLimitOptions.PublishTier)]
    [InlineData("/api/apps/{appid}/events", RateLimitOptions.PublishTier)]
    [InlineData("/api/apps/{appid}/webhooks", "standard")]
    [InlineData("/api/apps/{appid}/dead-letters/{id}/replay", "standard")]
    public void AnApplicationsPublishesCountInThePublishTier(string template, string tier)
    {
        Assert.Equal(tier, _options.KeyTierFor(new PathString(template)));
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/health/ready")]
    [InlineData("/api/inbound/src_1")]
    [InlineData("/metrics")]
    public void HealthProbesAndInboundWebhooksStayUnlimited(string path)
    {
        Assert.Null(_options.TierFor(new PathString(path)));
        Assert.Null(_options.KeyTierFor(new PathString(path)));
    }
}
