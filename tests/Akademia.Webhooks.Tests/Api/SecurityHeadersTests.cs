using System.Net;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>Every answer, success or error, carries the security headers; the API's policy is the strict one.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class SecurityHeadersTests(PlatformFixture platform)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static TheoryData<string, string, string?, bool, HttpStatusCode> Responses => new()
    {
        { "GET", "/api/event-types", null, true, HttpStatusCode.OK },
        { "GET", "/api/webhooks/ep_unknown", null, true, HttpStatusCode.NotFound },
        { "POST", "/api/webhooks", "{}", true, HttpStatusCode.BadRequest },
        { "POST", "/api/events", "{broken", true, HttpStatusCode.BadRequest },
        { "GET", "/api/webhooks", null, false, HttpStatusCode.Unauthorized },
        { "GET", "/api/admin/webhooks/dead-letter-queue", null, false, HttpStatusCode.Unauthorized },
        { "GET", "/api/no-such-route", null, true, HttpStatusCode.NotFound },
        { "GET", "/api/health", null, false, HttpStatusCode.OK },
        { "POST", "/api/client-errors", """{"message": "boom"}""", false, HttpStatusCode.Created },
        { "GET", "/api-docs.yaml", null, false, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task ApiAnswersCarryTheSecurityHeadersAndTheStrictPolicy(string method, string path, string? body, bool withKey, HttpStatusCode status)
    {
        using var client = withKey ? platform.ClientWithKey(PlatformFixture.AdminKey) : platform.AnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = ApiAssert.Json(body);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal(ApiPolicy, Single(response, "Content-Security-Policy"));
        Assert.True(response.Headers.Contains("X-Request-ID"), "no X-Request-ID");
    }

    [Fact]
    public async Task OverPlainHttpNoStrictTransportSecurityIsSent()
    {
        var response = await platform.Http.GetAsync("/api/event-types");

        Assert.Equal("http", response.RequestMessage!.RequestUri!.Scheme);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task TheDocsPageHasItsOwnPolicyThatLoadsNothingFromElsewhere()
    {
        using var client = platform.AnonymousClient();

        var page = await client.GetAsync("/api-docs");
        var script = await client.GetAsync("/api-docs/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        var policy = Single(page, "Content-Security-Policy");
        Assert.Equal(policy, Single(script, "Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.All(directives.Values.SelectMany(sources => sources),
            source => Assert.Contains(source, new[] { "'self'", "'none'", "'unsafe-inline'", "data:" }));
        Assert.Equal("DENY", Single(page, "X-Frame-Options"));
    }

    private static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"{name} missing on {(int)response.StatusCode} {response.RequestMessage!.RequestUri}");
}
