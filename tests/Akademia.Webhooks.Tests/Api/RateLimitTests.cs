using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// The tiers through real HTTP. Budgets are per tier, client and route template: a caller with an
/// API key is counted by its key, an anonymous one by its IP. So each test that spends a budget uses
/// an admin key of its own (<see cref="RateLimitFixture.ClientWithOwnBudget"/>), or, anonymous, a
/// route template no other test of the class spends anonymously.
/// </summary>
public sealed class RateLimitTests(RateLimitFixture platform) : IClassFixture<RateLimitFixture>
{
    [Fact]
    public async Task TheStandardBudgetIsSpentThenRequestsAnswer429WithRetryAfter()
    {
        using var client = platform.ClientWithOwnBudget(0);
        var path = UniquePath();
        var before = DateTimeOffset.UtcNow;
        var allowed = new List<HttpResponseMessage>();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            allowed.Add(await client.GetAsync(path));
        }

        var afterAllowed = DateTimeOffset.UtcNow;
        var sent = DateTimeOffset.UtcNow;
        var refused = await client.GetAsync(path);
        var received = DateTimeOffset.UtcNow;

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal([4, 3, 2, 1, 0], allowed.Select(r => Header(r, "X-RateLimit-Remaining")));
        Assert.All(allowed, r => Assert.Equal(RateLimitFixture.StandardLimit, Header(r, "X-RateLimit-Limit")));

        // The window starts with the first request and every answer in it names the same reset.
        var reset = Header(allowed[0], "X-RateLimit-Reset");
        Assert.InRange(reset, before.ToUnixTimeSeconds() + 60, afterAllowed.ToUnixTimeSeconds() + 60);
        Assert.All(allowed, r => Assert.Equal(reset, Header(r, "X-RateLimit-Reset")));

        await ApiAssert.ErrorAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
        Assert.Equal(RateLimitFixture.StandardLimit, Header(refused, "X-RateLimit-Limit"));
        Assert.Equal(0, Header(refused, "X-RateLimit-Remaining"));
        Assert.Equal(reset, Header(refused, "X-RateLimit-Reset"));
        var retryAfter = int.Parse(refused.Headers.RetryAfter!.ToString(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, Math.Max(1, reset - received.ToUnixTimeSeconds() - 1), reset - sent.ToUnixTimeSeconds() + 1);
    }

    [Fact]
    public async Task DistinctPathsOfOneRouteShareOneBudget()
    {
        // Anonymous, on a template no other test here spends anonymously.
        using var anonymous = platform.AnonymousClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= RateLimitFixture.StandardLimit; i++)
        {
            answers.Add(await anonymous.GetAsync($"{UniquePath()}/health"));
        }

        // Every id is new, yet they spend one budget: a new path is not a new counter.
        Assert.All(answers[..^1], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal([4, 3, 2, 1, 0], answers[..^1].Select(r => Header(r, "X-RateLimit-Remaining")));
        await ApiAssert.ErrorAsync(answers[^1], HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task PathsThatMatchNoRouteShareOneBudgetPerClient()
    {
        using var anonymous = platform.AnonymousClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= RateLimitFixture.StandardLimit; i++)
        {
            // Different shapes under limited prefixes, none of them a route.
            var path = (i % 2 == 0 ? "/api/webhooks/" : "/api/deliveries/") + string.Join('/', Enumerable.Range(0, i + 2).Select(_ => Guid.NewGuid().ToString("N")[..6]));
            answers.Add(await anonymous.GetAsync(path));
        }

        Assert.All(answers[..^1], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal([4, 3, 2, 1, 0], answers[..^1].Select(r => Header(r, "X-RateLimit-Remaining")));
        await ApiAssert.ErrorAsync(answers[^1], HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task RefusedRequestsDoNotReachAuthenticationOrTheHandler()
    {
        using var anonymous = platform.AnonymousClient();
        var path = $"/api/deliveries/evt_{Guid.NewGuid():N}:ep_x";
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        }

        // Without a key the route would answer 401; over the budget the limiter answers first.
        await ApiAssert.ErrorAsync(await anonymous.GetAsync(path), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task EachKeyHasItsOwnBudget()
    {
        using var first = platform.ClientWithOwnBudget(3);
        using var second = platform.ClientWithOwnBudget(4);
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync(UniquePath())).StatusCode);
        }

        await ApiAssert.ErrorAsync(await first.GetAsync(UniquePath()), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);

        // Another key from the same address is a budget of its own.
        var other = await second.GetAsync(UniquePath());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(RateLimitFixture.StandardLimit - 1, Header(other, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task KeysThatAreNotConfiguredSpendTheAddressBudgetHoweverOftenTheyChange()
    {
        // A fresh made-up key on every request, on a template no other test here spends anonymously:
        // were each key a budget of its own, an anonymous flood would never be limited.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= RateLimitFixture.StandardLimit; i++)
        {
            using var wrong = platform.ClientWithKey("not-a-configured-key-" + Guid.NewGuid().ToString("N"));
            answers.Add(await wrong.PostAsync($"{UniquePath()}/test", null));
        }

        Assert.All(answers[..^1], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal([4, 3, 2, 1, 0], answers[..^1].Select(r => Header(r, "X-RateLimit-Remaining")));
        await ApiAssert.ErrorAsync(answers[^1], HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task PublishingWithAKeyHasATierOfItsOwn()
    {
        using var publisher = platform.ClientWithOwnBudget(5);
        var type = await platform.NewEventTypeAsync();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= RateLimitFixture.PublishLimit; i++)
        {
            answers.Add(await publisher.PostAsJsonAsync("/api/events", new { type, data = new { n = i } }));
        }

        // More than the standard tier allows, up to the publish tier's limit.
        Assert.True(RateLimitFixture.PublishLimit > RateLimitFixture.StandardLimit);
        Assert.All(answers[..^1], r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.All(answers, r => Assert.Equal(RateLimitFixture.PublishLimit, Header(r, "X-RateLimit-Limit")));
        await ApiAssert.ErrorAsync(answers[^1], HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task AManagedKeyOnceVerifiedPublishesOnTheKeyTierWithABudgetOfItsOwn()
    {
        using var admin = platform.ClientWithOwnBudget(6);
        var type = await platform.NewEventTypeAsync();
        var created = await ApiAssert.SuccessAsync(await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "limited publisher", role = "publisher" }), HttpStatusCode.Created);
        using var publisher = platform.ClientWithKey(created["key"]!.GetValue<string>());

        // The first request is verified by authentication after the limiter ran: counted by address.
        var first = await publisher.GetAsync("/api/event-types");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= RateLimitFixture.PublishLimit; i++)
        {
            answers.Add(await publisher.PostAsJsonAsync("/api/events", new { type, data = new { n = i } }));
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.All(answers[..^1], r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.All(answers, r => Assert.Equal(RateLimitFixture.PublishLimit, Header(r, "X-RateLimit-Limit")));
        Assert.Equal(Enumerable.Range(0, RateLimitFixture.PublishLimit).Select(i => RateLimitFixture.PublishLimit - 1 - i), answers[..^1].Select(r => Header(r, "X-RateLimit-Remaining")));
        await ApiAssert.ErrorAsync(answers[^1], HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task MadeUpManagedKeysSpendTheAddressBudgetHoweverOftenTheyChange()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= RateLimitFixture.StandardLimit; i++)
        {
            using var madeUp = platform.ClientWithKey(ApiKeyTokens.New());
            // A template no other test here spends anonymously.
            answers.Add(await madeUp.PostAsync($"{UniquePath()}/rotate-secret", null));
        }

        Assert.All(answers[..^1], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal([4, 3, 2, 1, 0], answers[..^1].Select(r => Header(r, "X-RateLimit-Remaining")));
        await ApiAssert.ErrorAsync(answers[^1], HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task AnonymousPublishingKeepsTheStandardTierPerAddress()
    {
        using var anonymous = platform.AnonymousClient();

        var response = await anonymous.PostAsJsonAsync("/api/events", new { type = "grade.created", data = new { } });

        await ApiAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal(RateLimitFixture.StandardLimit, Header(response, "X-RateLimit-Limit"));
    }

    [Fact]
    public async Task ErrorAnswersOnALimitedRouteStillCarryTheRateLimitHeaders()
    {
        using var client = platform.ClientWithOwnBudget(1);

        // An invalid body: the error middleware answers it after the limiter has counted it.
        var response = await client.PostAsync("/api/webhooks", ApiAssert.Json("{}"));

        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.Equal(RateLimitFixture.StandardLimit, Header(response, "X-RateLimit-Limit"));
        Assert.Equal(RateLimitFixture.StandardLimit - 1, Header(response, "X-RateLimit-Remaining"));
        Assert.True(Header(response, "X-RateLimit-Reset") > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task TwoGatewaysShareOneBudget()
    {
        using var client = platform.ClientWithOwnBudget(2);
        await using var second = platform.StartGateway();
        using var secondClient = second.CreateClient();
        secondClient.DefaultRequestHeaders.Add("X-API-Key", RateLimitFixture.AdminKeyNumber(2));

        var remaining = new List<int>();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            var response = await (i % 2 == 0 ? client : secondClient).GetAsync(UniquePath());
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            remaining.Add(Header(response, "X-RateLimit-Remaining"));
        }

        Assert.Equal([4, 3, 2, 1, 0], remaining);
        await ApiAssert.ErrorAsync(await secondClient.GetAsync(UniquePath()), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
        await ApiAssert.ErrorAsync(await client.GetAsync(UniquePath()), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task ForwardingHeadersFromAnUntrustedPeerAreIgnored()
    {
        using var anonymous = platform.AnonymousClient();
        var path = $"{UniquePath()}/deliveries";
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            var response = await anonymous.SendAsync(Forwarded(path, $"203.0.113.{i + 1}"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // A new address in each spoofing header does not buy a new budget.
        using var spoofed = Forwarded(path, "198.51.100.77");
        spoofed.Headers.Add("X-Real-IP", "198.51.100.78");
        spoofed.Headers.Add("CF-Connecting-IP", "198.51.100.79");

        await ApiAssert.ErrorAsync(await anonymous.SendAsync(spoofed), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task ClientErrorReportsAreOnTheStrictTier()
    {
        using var anonymous = platform.AnonymousClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i <= RateLimitFixture.StrictLimit; i++)
        {
            last = await anonymous.PostAsync("/api/client-errors", ApiAssert.Json("""{"message": "boom"}"""));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(RateLimitFixture.StrictLimit, Header(last, "X-RateLimit-Limit"));
        await ApiAssert.ErrorAsync(last, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task RoutesOutsideTheTiersAreNotLimited()
    {
        using var anonymous = platform.AnonymousClient();
        for (var i = 0; i <= RateLimitFixture.StandardLimit; i++)
        {
            // Health probes come often and from load balancers: no tier maps /api/health.
            var response = await anonymous.GetAsync("/api/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        }
    }

    [Theory]
    [InlineData("RateLimiting:Tiers:publish:Limit", "0")]
    [InlineData("RateLimiting:Tiers:standard:Window", "00:00:00")]
    [InlineData("RateLimiting:Routes:/api/events", "no-such-tier")]
    [InlineData("RateLimiting:CountersPerShard", "0")]
    public async Task ABadRateLimitSettingStopsTheGatewayWithOneLineAndExitCode2(string key, string value)
    {
        // The real gateway process, as an operator starts it: validation runs before it joins a cluster.
        var (line, _) = await BadSetting.RunUntilExitAsync("ApiGateway", key, value);
        Assert.StartsWith("Gateway cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(key.Split(':')[1], line, StringComparison.Ordinal);
    }

    internal static string UniquePath() => $"/api/webhooks/ep_{Guid.NewGuid():N}";

    internal static HttpRequestMessage Forwarded(string path, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    internal static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);
}

/// <summary>Behind a trusted proxy, each forwarded anonymous client has its own budget.</summary>
public sealed class TrustedProxyRateLimitTests(TrustedProxyFixture platform) : IClassFixture<TrustedProxyFixture>
{
    [Fact]
    public async Task DistinctForwardedClientsGetDistinctBudgets()
    {
        using var anonymous = platform.AnonymousClient();
        var path = RateLimitTests.UniquePath();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.10"))).StatusCode);
        }

        var first = await anonymous.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.10"));
        var second = await anonymous.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.20"));

        await ApiAssert.ErrorAsync(first, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(RateLimitFixture.StandardLimit - 1, RateLimitTests.Header(second, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task AnAddressTheClientPrependsDoesNotChooseItsBudget()
    {
        using var anonymous = platform.AnonymousClient();
        var path = RateLimitTests.UniquePath();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            await anonymous.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.30"));
        }

        // The proxy appends the address it saw; what the client wrote stays to its left.
        var spoofed = await anonymous.SendAsync(RateLimitTests.Forwarded(path, "198.51.100.1, 203.0.113.30"));

        await ApiAssert.ErrorAsync(spoofed, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task WithoutForwardingHeadersTheProxyItselfIsTheClient()
    {
        using var anonymous = platform.AnonymousClient();
        var path = RateLimitTests.UniquePath();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            await anonymous.GetAsync(path);
        }

        await ApiAssert.ErrorAsync(await anonymous.GetAsync(path), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.40"))).StatusCode);
    }
}

/// <summary>
/// Past the bound on live counters: one shard of four counters, anonymous clients behind a trusted
/// proxy, so a test can bring as many clients as it likes.
/// </summary>
public sealed class BoundedRateLimitTests(BoundedRateLimitFixture platform) : IClassFixture<BoundedRateLimitFixture>
{
    [Fact]
    public async Task LiveCountersStayWithinTheBoundAndABusyClientStaysLimited()
    {
        using var anonymous = platform.AnonymousClient();
        var busy = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            busy.Add((await anonymous.SendAsync(RateLimitTests.Forwarded(RateLimitTests.UniquePath(), "203.0.113.200"))).StatusCode);
            await anonymous.SendAsync(RateLimitTests.Forwarded(RateLimitTests.UniquePath(), $"198.51.100.{i + 1}"));
        }

        var stats = await platform.Grains.GetGrain<IRateLimitShardGrain>(0).GetStatsAsync();

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, RateLimitFixture.StandardLimit)
            .Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 30 - RateLimitFixture.StandardLimit)), busy);
        Assert.InRange(stats.Counters, 1, BoundedRateLimitFixture.Counters);
        Assert.Equal(BoundedRateLimitFixture.Counters, stats.Capacity);
        Assert.True(stats.Evictions >= 25, $"evictions: {stats.Evictions}");
    }

    [Fact]
    public async Task ACounterDroppedPastTheBoundKeepsItsSpentBudget()
    {
        using var anonymous = platform.AnonymousClient();
        var path = RateLimitTests.UniquePath() + "/deliveries";
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            await anonymous.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.210"));
        }

        // Enough new clients to push the spent counter out of the table.
        for (var i = 0; i < 3 * BoundedRateLimitFixture.Counters; i++)
        {
            await anonymous.SendAsync(RateLimitTests.Forwarded(path, $"192.0.2.{i + 1}"));
        }

        // The sketch remembers what the dropped counter used: no fresh budget.
        var again = await anonymous.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.210"));

        await ApiAssert.ErrorAsync(again, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }
}
