using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// Bodies that are not UTF-8, on every route that binds a JSON body: each answers 400
/// <c>VALIDATION_ERROR</c> naming the offset of the first invalid sequence, and nothing is changed.
/// The invalid bytes sit where the JSON binder never converts them (an event's <c>data</c>, a client
/// error's <c>context</c>, a member no route binds), which is where they used to get through.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class InvalidUtf8Tests(PlatformFixture platform)
{
    // Every JSON-taking route, as the gateway maps it; the last test checks the list is complete.
    private static readonly string[] JsonRouteList =
    [
        "POST /api/events",
        "POST /api/event-types",
        "POST /api/webhooks",
        "PUT /api/webhooks/{id}",
        "POST /api/webhooks/{id}/rotate-secret",
        "POST /api/client-errors",
        "POST /api/admin/sources",
        "PUT /api/admin/sources/{id}",
        "POST /api/apps",
        "PUT /api/apps/{appId}",
        "POST /api/apps/{appId}/events",
        "POST /api/apps/{appId}/webhooks",
        "PUT /api/apps/{appId}/webhooks/{id}",
        "POST /api/apps/{appId}/webhooks/{id}/rotate-secret",
        "POST /api/admin/api-keys",
    ];

    public static TheoryData<string> JsonRoutes() => [.. JsonRouteList];

    private static readonly byte[] InvalidSequence = [0xC3, 0x28, 0xFF, 0xFE];
    private static readonly byte[] Overlong = [0xC0, 0xAF];

    [Theory]
    [MemberData(nameof(JsonRoutes))]
    public async Task InvalidUtf8InAnUnboundMemberIsRejectedWithValidationError(string route)
    {
        var (method, path, members) = await ValidRequestAsync(route);
        var body = Body(members, "\"note\": \"", InvalidSequence, "\"");

        var response = await SendAsync(method, path, body);

        await AssertInvalidUtf8Async(response, body);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28, 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public async Task InvalidUtf8InsideAStringInEventDataIsRejectedAndNothingIsPublished(byte[] invalid)
    {
        var type = await platform.NewEventTypeAsync();
        var eventId = "evt-utf8-" + Guid.NewGuid().ToString("N");
        var body = Body($"\"id\": \"{eventId}\", \"type\": \"{type}\", \"data\": {{\"name\": \"", invalid, "\"}");

        var response = await SendAsync(HttpMethod.Post, "/api/events", body);

        await AssertInvalidUtf8Async(response, body);
        var repeat = await platform.PublishAsync(new { id = eventId, type, data = new { name = "valid" } });
        Assert.Equal(eventId, repeat["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidUtf8InsideAClientErrorContextIsRejected()
    {
        var body = Body("\"message\": \"boom\", \"context\": {\"page\": \"", Overlong, "\"}");

        var response = await SendAsync(HttpMethod.Post, "/api/client-errors", body, apiKey: null);

        await AssertInvalidUtf8Async(response, body);
    }

    [Fact]
    public async Task InvalidUtf8InASignedInboundBodyIsAMalformedPayload()
    {
        const string secret = "hmac-shared-key-utf8";
        var source = await platform.CreateSourceAsync("hmac", secret);
        var body = Body("\"type\": \"order.", InvalidSequence, "\"");
        using var client = platform.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inbound/{source}") { Content = JsonBytes(body) };
        request.Headers.Add("X-Webhook-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));

        var response = await client.SendAsync(request);

        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MalformedPayload);
        Assert.Contains("not valid UTF-8", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // The grain-client path cannot be made to fail this way: its strings are UTF-16, and one with an
    // unpaired surrogate crosses the wire as UTF-8, which replaces the surrogate with U+FFFD. (A
    // caller inside the silo could pass one; CheckDataObject refuses it, see FieldRulesTests.)
    [Fact]
    public async Task AnUnpairedSurrogateFromAGrainClientArrivesAsAReplacementCharacter()
    {
        var type = await platform.NewEventTypeAsync();
        var eventId = "evt-surrogate-" + Guid.NewGuid().ToString("N");

        var result = await platform.Grains.GetGrain<IEventPublisherGrain>(0)
            .PublishAsync(new PublishRequest { Id = eventId, Type = type, Data = "{\"name\": \"\uD800\"}" });

        Assert.Equal(new PublishResult(eventId, 0), result);
        var body = await platform.Grains.GetGrain<Grains.Events.IEventGrain>(eventId).GetBodyAsync();
        Assert.Contains("\"data\":{\"name\": \"\uFFFD\"}", body, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRouteThatBindsAJsonBodyIsCoveredAbove()
    {
        var mapped = platform.Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Any(t => t.Contains("json", StringComparison.Ordinal)) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(JsonRouteList.Order(StringComparer.Ordinal), mapped);
    }

    private async Task<(HttpMethod Method, string Path, string Members)> ValidRequestAsync(string route)
    {
        var type = await platform.NewEventTypeAsync();
        switch (route)
        {
            case "POST /api/events":
                return (HttpMethod.Post, "/api/events", $"\"type\": \"{type}\", \"data\": {{}}, ");
            case "POST /api/event-types":
                return (HttpMethod.Post, "/api/event-types", $"\"name\": \"{type}.utf8\", ");
            case "POST /api/webhooks":
                return (HttpMethod.Post, "/api/webhooks", $"\"url\": \"http://127.0.0.1:9/hook\", \"events\": [\"{type}\"], ");
            case "PUT /api/webhooks/{id}":
                var (endpointId, _) = await platform.CreateEndpointAsync("http://127.0.0.1:9/hook", type);
                return (HttpMethod.Put, $"/api/webhooks/{endpointId}", "\"description\": \"changed\", ");
            case "POST /api/webhooks/{id}/rotate-secret":
                var (rotatedId, _) = await platform.CreateEndpointAsync("http://127.0.0.1:9/hook", type);
                return (HttpMethod.Post, $"/api/webhooks/{rotatedId}/rotate-secret", "\"signWith\": \"previous\", ");
            case "POST /api/client-errors":
                return (HttpMethod.Post, "/api/client-errors", "\"message\": \"boom\", ");
            case "POST /api/admin/sources":
                return (HttpMethod.Post, "/api/admin/sources", $"\"id\": \"utf8-{Guid.NewGuid():N}\", \"provider\": \"hmac\", \"secret\": \"s\", ");
            case "PUT /api/admin/sources/{id}":
                var sourceId = await platform.CreateSourceAsync("hmac", "hmac-secret");
                return (HttpMethod.Put, $"/api/admin/sources/{sourceId}", "\"rateLimitPerMinute\": 7, ");
            case "POST /api/apps":
                return (HttpMethod.Post, "/api/apps", $"\"id\": \"utf8-{Guid.NewGuid():N}\", \"name\": \"utf8\", ");
            case "PUT /api/apps/{appId}":
                return (HttpMethod.Put, $"/api/apps/{await CreateApplicationAsync()}", "\"name\": \"renamed\", ");
            case "POST /api/apps/{appId}/events":
                return (HttpMethod.Post, $"/api/apps/{await CreateApplicationAsync()}/events", $"\"type\": \"{type}\", \"data\": {{}}, ");
            case "POST /api/apps/{appId}/webhooks":
                return (HttpMethod.Post, $"/api/apps/{await CreateApplicationAsync()}/webhooks", $"\"url\": \"http://127.0.0.1:9/hook\", \"events\": [\"{type}\"], ");
            case "PUT /api/apps/{appId}/webhooks/{id}":
                var (updatedApp, updatedId) = await CreateApplicationEndpointAsync(type);
                return (HttpMethod.Put, $"/api/apps/{updatedApp}/webhooks/{updatedId}", "\"description\": \"changed\", ");
            case "POST /api/apps/{appId}/webhooks/{id}/rotate-secret":
                var (rotatedApp, rotatedInApp) = await CreateApplicationEndpointAsync(type);
                return (HttpMethod.Post, $"/api/apps/{rotatedApp}/webhooks/{rotatedInApp}/rotate-secret", "\"signWith\": \"previous\", ");
            case "POST /api/admin/api-keys":
                return (HttpMethod.Post, "/api/admin/api-keys", "\"name\": \"utf8\", \"role\": \"reader\", ");
            default:
                throw new ArgumentOutOfRangeException(nameof(route), route, "no request for this route");
        }
    }

    private async Task<string> CreateApplicationAsync()
    {
        var id = $"utf8-{Guid.NewGuid():N}";
        await PlatformFixture.ReadJsonAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id, name = id }), HttpStatusCode.Created);
        return id;
    }

    private async Task<(string App, string Endpoint)> CreateApplicationEndpointAsync(string type)
    {
        var app = await CreateApplicationAsync();
        var created = await PlatformFixture.ReadJsonAsync(
            await platform.Http.PostAsJsonAsync($"/api/apps/{app}/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { type } }), HttpStatusCode.Created);
        return (app, created["data"]!["id"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, byte[] body, string? apiKey = PlatformFixture.AdminKey)
    {
        using var client = apiKey is null ? platform.AnonymousClient() : platform.ClientWithKey(apiKey);
        using var request = new HttpRequestMessage(method, path) { Content = JsonBytes(body) };
        return await client.SendAsync(request);
    }

    private static async Task AssertInvalidUtf8Async(HttpResponseMessage response, byte[] body)
    {
        var error = await ApiAssert.ValidationErrorAsync(response, "body");
        var offset = Array.FindIndex(body, b => b >= 0x80);
        Assert.Equal($"must be UTF-8: invalid byte sequence at offset {offset}", error["details"]!["body"]!.GetValue<string>());
    }

    /// <summary>A JSON object: <c>{</c>, the text and bytes given, <c>}</c>.</summary>
    private static byte[] Body(string before, byte[] invalid, string after) => [.. "{"u8, .. Encoding.UTF8.GetBytes(before), .. invalid, .. Encoding.UTF8.GetBytes(after), .. "}"u8];

    private static byte[] Body(string members, string before, byte[] invalid, string after) => Body(members + before, invalid, after);

    private static ByteArrayContent JsonBytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
