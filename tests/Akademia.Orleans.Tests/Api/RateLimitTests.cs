using System.Globalization;
using System.Net;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// The tiers through real HTTP. Budgets are per tier, client and path, so each test spends its own
/// on a path of its own (an unknown endpoint id: the limiter counts before routing answers 404).
/// </summary>
public sealed class RateLimitTests(RateLimitFixture platform) : IClassFixture<RateLimitFixture>
{
    [Fact]
    public async Task TheStandardBudgetIsSpentThenRequestsAnswer429WithRetryAfter()
    {
        var path = UniquePath();
        var before = DateTimeOffset.UtcNow;
        var allowed = new List<HttpResponseMessage>();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            allowed.Add(await platform.Http.GetAsync(path));
        }

        var afterAllowed = DateTimeOffset.UtcNow;
        var sent = DateTimeOffset.UtcNow;
        var refused = await platform.Http.GetAsync(path);
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
    public async Task RefusedRequestsDoNotReachAuthenticationOrTheHandler()
    {
        var path = UniquePath();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            await platform.Http.GetAsync(path);
        }

        using var anonymous = platform.AnonymousClient();

        // Without a key the route would answer 401; over the budget the limiter answers first.
        await ApiAssert.ErrorAsync(await anonymous.GetAsync(path), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task ErrorAnswersOnALimitedRouteStillCarryTheRateLimitHeaders()
    {
        // An invalid body: the error middleware answers it after the limiter has counted it.
        var response = await platform.Http.PostAsync("/api/webhooks", ApiAssert.Json("{}"));

        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.Equal(RateLimitFixture.StandardLimit, Header(response, "X-RateLimit-Limit"));
        Assert.Equal(RateLimitFixture.StandardLimit - 1, Header(response, "X-RateLimit-Remaining"));
        Assert.True(Header(response, "X-RateLimit-Reset") > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task TwoGatewaysShareOneBudget()
    {
        var path = UniquePath();
        await using var second = platform.StartGateway();
        using var secondClient = second.CreateClient();
        secondClient.DefaultRequestHeaders.Add("X-API-Key", PlatformFixture.AdminKey);

        var remaining = new List<int>();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            var response = await (i % 2 == 0 ? platform.Http : secondClient).GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            remaining.Add(Header(response, "X-RateLimit-Remaining"));
        }

        Assert.Equal([4, 3, 2, 1, 0], remaining);
        await ApiAssert.ErrorAsync(await secondClient.GetAsync(path), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
        await ApiAssert.ErrorAsync(await platform.Http.GetAsync(path), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task ForwardingHeadersFromAnUntrustedPeerAreIgnored()
    {
        var path = UniquePath();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            var response = await platform.Http.SendAsync(Forwarded(path, $"203.0.113.{i + 1}"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // A new address in each spoofing header does not buy a new budget.
        using var spoofed = Forwarded(path, "198.51.100.77");
        spoofed.Headers.Add("X-Real-IP", "198.51.100.78");
        spoofed.Headers.Add("CF-Connecting-IP", "198.51.100.79");

        await ApiAssert.ErrorAsync(await platform.Http.SendAsync(spoofed), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
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

/// <summary>Behind a trusted proxy, each forwarded client has its own budget.</summary>
public sealed class TrustedProxyRateLimitTests(TrustedProxyFixture platform) : IClassFixture<TrustedProxyFixture>
{
    [Fact]
    public async Task DistinctForwardedClientsGetDistinctBudgets()
    {
        var path = RateLimitTests.UniquePath();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await platform.Http.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.10"))).StatusCode);
        }

        var first = await platform.Http.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.10"));
        var second = await platform.Http.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.20"));

        await ApiAssert.ErrorAsync(first, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(RateLimitFixture.StandardLimit - 1, RateLimitTests.Header(second, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task AnAddressTheClientPrependsDoesNotChooseItsBudget()
    {
        var path = RateLimitTests.UniquePath();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            await platform.Http.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.30"));
        }

        // The proxy appends the address it saw; what the client wrote stays to its left.
        var spoofed = await platform.Http.SendAsync(RateLimitTests.Forwarded(path, "198.51.100.1, 203.0.113.30"));

        await ApiAssert.ErrorAsync(spoofed, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
    }

    [Fact]
    public async Task WithoutForwardingHeadersTheProxyItselfIsTheClient()
    {
        var path = RateLimitTests.UniquePath();
        for (var i = 0; i < RateLimitFixture.StandardLimit; i++)
        {
            await platform.Http.GetAsync(path);
        }

        await ApiAssert.ErrorAsync(await platform.Http.GetAsync(path), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Http.SendAsync(RateLimitTests.Forwarded(path, "203.0.113.40"))).StatusCode);
    }
}
