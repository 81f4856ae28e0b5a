using System.Net;
using System.Text.Json;
using Akademia.Webhooks.Tests.Api;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Inbound;

/// <summary>Alone on its cluster: the figures are cluster-wide, so other tests' traffic would change them.</summary>
public sealed class InboundStatsTests(InboundStatsFixture platform) : IClassFixture<InboundStatsFixture>
{
    private const string Secret = "whsec_stats_tests_secret_0123456789";

    [Fact]
    public async Task StatsCountEveryOutcomeByProviderAndTheHealthScoreFollowsTheSeedsRules()
    {
        var source = await platform.CreateSourceAsync("stripe", Secret, new { rateLimitPerMinute = 5 });
        var ok1 = "evt_" + Guid.NewGuid().ToString("N");
        var ok2 = "evt_" + Guid.NewGuid().ToString("N");
        var large = "evt_" + Guid.NewGuid().ToString("N");
        var largeBody = InboundRequests.StripeEvent(large).Replace("\"livemode\":false", "\"livemode\":false,\"padding\":\"" + new string('x', InboundFixture.MaxEventBytes) + "\"", StringComparison.Ordinal);

        // Forged: refused before the rate limit, so it does not spend the budget of 5.
        await ApiAssert.ErrorAsync(await platform.SendStripeAsync(source, "whsec_forger", InboundRequests.StripeEvent(ok1)), HttpStatusCode.Unauthorized, ErrorCodes.InvalidSignature);
        var processed1 = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, InboundRequests.StripeEvent(ok1)));
        var processed2 = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, InboundRequests.StripeEvent(ok2)));
        await ApiAssert.SuccessAsync(await platform.SendStripeAsync(source, Secret, InboundRequests.StripeEvent(ok1)), HttpStatusCode.OK);
        await ApiAssert.ErrorAsync(await platform.SendStripeAsync(source, Secret, "{\"id\":\"evt_no_type\"}"), HttpStatusCode.BadRequest, ErrorCodes.MalformedPayload);
        var refused = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, largeBody));
        await ApiAssert.ErrorAsync(await platform.SendStripeAsync(source, Secret, InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))),
            HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
        await platform.WaitForMessageAsync(processed1, m => m.Status == InboundMessageStatus.Processed);
        await platform.WaitForMessageAsync(processed2, m => m.Status == InboundMessageStatus.Processed);
        await platform.WaitForMessageAsync(refused, m => m.Status == InboundMessageStatus.Failed);

        // Silos report once a second.
        InboundStats? stats = null;
        await Eventually.HoldsAsync(async () =>
        {
            stats = await platform.Grains.GetGrain<IInboundAdminGrain>(0).GetStatsAsync();
            return stats.Providers["stripe"] is { Processed: 2, Failed: 1 } && stats.Providers["stripe"].Rejected.Count == 3;
        }, TimeSpan.FromSeconds(15), () => JsonSerializer.Serialize(stats));

        var data = await platform.GetDataAsync("/api/admin/inbound/stats");
        var stripe = data["providers"]!["stripe"]!;
        Assert.Equal((3, 1, 2, 1, 0), (stripe["received"]!.GetValue<long>(), stripe["duplicates"]!.GetValue<long>(), stripe["processed"]!.GetValue<long>(),
            stripe["failed"]!.GetValue<long>(), stripe["retries"]!.GetValue<long>()));
        Assert.Equal(
            new Dictionary<string, long> { ["INVALID_SIGNATURE"] = 1, ["MALFORMED_PAYLOAD"] = 1, ["RATE_LIMIT_EXCEEDED"] = 1 },
            stripe["rejected"]!.AsObject().ToDictionary(r => r.Key, r => r.Value!.GetValue<long>()));
        Assert.True(stripe["averageProcessingTimeMs"]!.GetValue<double>() > 0);
        Assert.Equal(0, data["providers"]!["github"]!["received"]!.GetValue<long>());
        Assert.Equal((0, 0, 1), (data["queues"]!["received"]!.GetValue<long>(), data["queues"]!["retrying"]!.GetValue<long>(), data["queues"]!["deadLetter"]!.GetValue<long>()));

        // One failed attempt in three: above 10 % costs 30 and 15 points.
        Assert.Equal(0.3333, data["errorRate"]!.GetValue<double>());
        Assert.Equal((55, "degraded"), (data["healthScore"]!.GetValue<int>(), data["status"]!.GetValue<string>()));

        var health = await PlatformFixture.ReadJsonAsync(await platform.AnonymousClient().GetAsync("/api/health"), HttpStatusCode.OK);
        var inbound = health["data"]!["systemHealth"]!["inbound"]!;
        Assert.Equal((55, "degraded", 1L), (inbound["healthScore"]!.GetValue<int>(), inbound["status"]!.GetValue<string>(), inbound["queues"]!["deadLetter"]!.GetValue<long>()));
        Assert.Equal(2, inbound["providers"]!["stripe"]!["processed"]!.GetValue<long>());
        Assert.Equal("degraded", health["data"]!["status"]!.GetValue<string>());

        var metrics = await (await platform.AnonymousClient().GetAsync("/metrics")).Content.ReadAsStringAsync();
        foreach (var name in new[]
        {
            "akademia_inbound_requests_total{",
            "akademia_inbound_attempts_total{",
            "akademia_inbound_processing_duration_milliseconds_bucket",
            "akademia_inbound_dlq_size",
        })
        {
            Assert.Contains(name, metrics, StringComparison.Ordinal);
        }

        Assert.Contains("reason=\"RATE_LIMIT_EXCEEDED\"", metrics, StringComparison.Ordinal);
    }
}
