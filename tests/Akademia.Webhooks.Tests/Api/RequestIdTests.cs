using System.Net;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>Every answer carries a request id, in the X-Request-ID header and in the envelope.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class RequestIdTests(PlatformFixture platform)
{
    public static TheoryData<string, string, string?> Requests => new()
    {
        { "GET", "/api/event-types", null },
        { "GET", "/api/webhooks/ep_unknown", null },
        { "POST", "/api/events", "{\"type\": \"never.registered_type\", \"data\": {}}" },
        { "POST", "/api/events", "{broken" },
        { "GET", "/api/no-such-route", null },
        { "DELETE", "/api/events", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task SuppliedRequestIdIsEchoedInHeaderAndEnvelope(string method, string path, string? body)
    {
        var requestId = "req-" + Guid.NewGuid().ToString("N") + ":1.a_b";

        var (header, envelope) = await SendAsync(method, path, body, requestId);

        Assert.Equal(requestId, header);
        Assert.Equal(requestId, envelope);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task WithoutRequestIdOneIsGenerated(string method, string path, string? body)
    {
        var (first, firstEnvelope) = await SendAsync(method, path, body, requestId: null);
        var (second, _) = await SendAsync(method, path, body, requestId: null);

        Assert.True(Guid.TryParse(first, out _), $"'{first}' is not a generated id");
        Assert.Equal(first, firstEnvelope);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("")]
    public async Task MalformedRequestIdIsReplacedByAGeneratedOne(string requestId)
    {
        var (header, envelope) = await SendAsync("GET", "/api/event-types", null, requestId);

        Assert.True(Guid.TryParse(header, out _), $"'{header}' is not a generated id");
        Assert.Equal(header, envelope);
    }

    [Fact]
    public async Task RequestIdLongerThan128CharactersIsReplaced()
    {
        var requestId = new string('r', 129);

        var (header, envelope) = await SendAsync("GET", "/api/event-types", null, requestId);

        Assert.True(Guid.TryParse(header, out _), $"'{header}' is not a generated id");
        Assert.Equal(header, envelope);
    }

    private async Task<(string Header, string Envelope)> SendAsync(string method, string path, string? body, string? requestId)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = ApiAssert.Json(body);
        }

        if (requestId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Request-ID", requestId);
        }

        var response = await platform.Http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        return (response.Headers.GetValues("X-Request-ID").Single(), json["requestId"]!.GetValue<string>());
    }
}
