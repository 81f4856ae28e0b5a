using System.Net;
using System.Net.Http.Headers;
using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Hosting;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// Who may call what, through real HTTP: every protected route with no key, an unknown key, and each
/// role's key, sent both as <c>Authorization: Bearer</c> and as <c>X-API-Key</c>.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class AuthorizationTests(PlatformFixture platform)
{
    /// <summary>
    /// One request per protected route, with the policy it needs and what an admin gets. The requests
    /// are harmless on the shared cluster: unknown ids, invalid bodies, or reads.
    /// </summary>
    public static TheoryData<string, string, string?, string, HttpStatusCode> ProtectedRoutes => new()
    {
        { "GET", "/api/webhooks", null, Policies.Read, HttpStatusCode.OK },
        { "POST", "/api/webhooks", "{}", Policies.Publish, HttpStatusCode.BadRequest },
        { "GET", "/api/webhooks/ep_unknown", null, Policies.Read, HttpStatusCode.NotFound },
        { "PUT", "/api/webhooks/ep_unknown", "{}", Policies.Publish, HttpStatusCode.NotFound },
        { "DELETE", "/api/webhooks/ep_unknown", null, Policies.Publish, HttpStatusCode.NotFound },
        { "GET", "/api/webhooks/ep_unknown/deliveries", null, Policies.Read, HttpStatusCode.NotFound },
        { "POST", "/api/webhooks/ep_unknown/rotate-secret", null, Policies.Publish, HttpStatusCode.NotFound },
        { "POST", "/api/webhooks/ep_unknown/test", null, Policies.Publish, HttpStatusCode.NotFound },
        { "POST", "/api/events", """{"type": "never.registered_type", "data": {}}""", Policies.Publish, HttpStatusCode.BadRequest },
        { "GET", "/api/event-types", null, Policies.Read, HttpStatusCode.OK },
        { "POST", "/api/event-types", """{"name": "Not A Type"}""", Policies.Publish, HttpStatusCode.BadRequest },
        { "GET", "/api/deliveries/evt_unknown:ep_unknown", null, Policies.Read, HttpStatusCode.NotFound },
        { "GET", "/api/admin/webhooks/dead-letter-queue", null, Policies.Admin, HttpStatusCode.OK },
        { "POST", "/api/admin/webhooks/dead-letter-queue/replay?webhookConfigId=ep_unknown", null, Policies.Admin, HttpStatusCode.OK },
        { "GET", "/api/admin/webhooks/dead-letter-queue/dlq_unknown", null, Policies.Admin, HttpStatusCode.NotFound },
        { "DELETE", "/api/admin/webhooks/dead-letter-queue/dlq_unknown", null, Policies.Admin, HttpStatusCode.NotFound },
        { "POST", "/api/admin/webhooks/dead-letter-queue/dlq_unknown/replay", null, Policies.Admin, HttpStatusCode.NotFound },
        { "POST", "/api/admin/webhooks/process", null, Policies.Admin, HttpStatusCode.OK },
        { "POST", "/api/admin/webhooks/ep_unknown/circuit-breaker/reset", null, Policies.Admin, HttpStatusCode.NotFound },
        { "GET", "/api/admin/client-errors", null, Policies.Admin, HttpStatusCode.OK },
        { "POST", "/api/admin/api-keys", "{}", Policies.Admin, HttpStatusCode.BadRequest },
        { "GET", "/api/admin/api-keys", null, Policies.Admin, HttpStatusCode.OK },
        { "GET", "/api/admin/api-keys/key_unknown", null, Policies.Admin, HttpStatusCode.NotFound },
        { "DELETE", "/api/admin/api-keys/key_unknown", null, Policies.Admin, HttpStatusCode.NotFound },
        { "POST", "/api/apps/app_unknown/portal-access", null, Policies.Admin, HttpStatusCode.NotFound },
        { "POST", "/api/apps/app_unknown/portal-access/revoke", null, Policies.Admin, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task WithoutAKeyAProtectedRouteAnswers401WithAChallenge(string method, string path, string? body, string policy, HttpStatusCode adminStatus)
    {
        _ = (policy, adminStatus);
        using var client = platform.AnonymousClient();

        var response = await client.SendAsync(Request(method, path, body));

        await ApiAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task AnUnknownKeyIsRefusedWith401AsBearerAndAsXApiKey(string method, string path, string? body, string policy, HttpStatusCode adminStatus)
    {
        _ = (policy, adminStatus);
        using var client = platform.AnonymousClient();

        var asBearer = await client.SendAsync(Request(method, path, body, bearer: "not-a-configured-key-0123456789"));
        var asHeader = await client.SendAsync(Request(method, path, body, apiKey: "not-a-configured-key-0123456789"));

        await ApiAssert.ErrorAsync(asBearer, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await ApiAssert.ErrorAsync(asHeader, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal("Bearer", asBearer.Headers.WwwAuthenticate.Single().ToString());
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task EachRoleIsAllowedExactlyWhatItsPolicyGrants(string method, string path, string? body, string policy, HttpStatusCode adminStatus)
    {
        using var client = platform.AnonymousClient();

        foreach (var (key, role) in new[] { (PlatformFixture.ReaderKey, Roles.Reader), (PlatformFixture.PublisherKey, Roles.Publisher) })
        {
            var allowed = policy == Policies.Read || (policy == Policies.Publish && role == Roles.Publisher);
            var response = await client.SendAsync(Request(method, path, body, apiKey: key));
            if (allowed)
            {
                await AssertStatusAsync(response, adminStatus);
            }
            else
            {
                await ApiAssert.ErrorAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task TheAdminKeyIsAllowedEverywhereAsBearerAndAsXApiKey(string method, string path, string? body, string policy, HttpStatusCode adminStatus)
    {
        _ = policy;
        using var client = platform.AnonymousClient();

        await AssertStatusAsync(await client.SendAsync(Request(method, path, body, bearer: PlatformFixture.AdminKey)), adminStatus);
        await AssertStatusAsync(await client.SendAsync(Request(method, path, body, apiKey: PlatformFixture.AdminKey)), adminStatus);
    }

    [Fact]
    public async Task TheBearerSchemeNameIsCaseInsensitiveAndAKeyHashEntryMatches()
    {
        using var client = platform.AnonymousClient();
        using var request = Request("GET", "/api/event-types", null);
        // The publisher key is configured by its SHA-256 only.
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + PlatformFixture.PublisherKey);

        await AssertStatusAsync(await client.SendAsync(request), HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnEmptyBearerTokenCountsAsNoKey()
    {
        using var client = platform.AnonymousClient();
        using var request = Request("GET", "/api/event-types", null);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer ");

        var response = await client.SendAsync(request);

        await ApiAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    public static TheoryData<string, string, string?, HttpStatusCode> PublicRoutes => new()
    {
        { "GET", "/api/health", null, HttpStatusCode.OK },
        { "GET", "/api-docs", null, HttpStatusCode.OK },
        { "GET", "/api-docs.yaml", null, HttpStatusCode.OK },
        { "POST", "/api/client-errors", """{"message": "TypeError: x is undefined"}""", HttpStatusCode.Created },
    };

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task PublicRoutesAnswerWithoutAKey(string method, string path, string? body, HttpStatusCode expected)
    {
        using var client = platform.AnonymousClient();

        var response = await client.SendAsync(Request(method, path, body));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(response.Headers.WwwAuthenticate.Count > 0, $"{path} challenged the caller");
    }

    /// <summary>
    /// Every route under <c>/api</c> the gateway maps, taken from its endpoint data source, requires a
    /// policy, except the two that are public on purpose: a new route cannot be public by accident.
    /// </summary>
    [Fact]
    public void EveryApiRouteButHealthClientErrorReportsAndInboundWebhooksRequiresAPolicy()
    {
        var endpoints = platform.Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();

        var open = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText!.TrimEnd('/')}")
            .Order(StringComparer.Ordinal);

        Assert.True(endpoints.Count >= ProtectedRoutes.Count + 2, $"only {endpoints.Count} /api endpoints found");
        // Third parties posting inbound webhooks have no API key: their signature authenticates them.
        Assert.Equal(["GET /api/health", "POST /api/client-errors", "POST /api/inbound/{sourceId}"], open);
    }

    private static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
    }

    private static HttpRequestMessage Request(string method, string path, string? body, string? bearer = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = ApiAssert.Json(body);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        return request;
    }
}
