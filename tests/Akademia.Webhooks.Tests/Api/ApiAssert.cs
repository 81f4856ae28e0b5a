using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>Checks of the API's envelopes, shared by the HTTP tests.</summary>
internal static class ApiAssert
{
    /// <summary>
    /// Asserts the error envelope: exactly <c>success</c>, <c>error</c>, <c>code</c>, <c>requestId</c> and
    /// optionally <c>details</c>, with the status and code given and the request id echoed in the header.
    /// </summary>
    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var json = (await PlatformFixture.ReadJsonAsync(response, status)).AsObject();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Subset(new HashSet<string> { "success", "error", "code", "requestId", "details" }, json.Select(p => p.Key).ToHashSet());
        Assert.False(json["success"]!.GetValue<bool>());
        Assert.Equal(code, json["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(json["error"]!.GetValue<string>()));
        Assert.Equal(response.Headers.GetValues("X-Request-ID").Single(), json["requestId"]!.GetValue<string>());
        return json;
    }

    /// <summary>Asserts a 400 VALIDATION_ERROR whose <c>details</c> name exactly <paramref name="fields"/>.</summary>
    public static async Task<JsonObject> ValidationErrorAsync(HttpResponseMessage response, params string[] fields)
    {
        var json = await ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        var details = Assert.IsType<JsonObject>(json["details"]);
        Assert.Equal(fields.Order(StringComparer.Ordinal), details.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.All(details, d => Assert.False(string.IsNullOrWhiteSpace(d.Value!.GetValue<string>())));
        return json;
    }

    public static Task<JsonObject> NotFoundAsync(HttpResponseMessage response) =>
        ErrorAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);

    /// <summary>Asserts the success envelope and returns its <c>data</c>.</summary>
    public static async Task<JsonNode> SuccessAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var json = (await PlatformFixture.ReadJsonAsync(response, status)).AsObject();
        Assert.Equal(["data", "requestId", "success"], json.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True(json["success"]!.GetValue<bool>());
        Assert.Equal(response.Headers.GetValues("X-Request-ID").Single(), json["requestId"]!.GetValue<string>());
        return json["data"]!;
    }

    /// <summary>Asserts the success envelope of a list answered as an array with <c>nextCursor</c> beside it, and returns the array.</summary>
    public static async Task<JsonArray> ListAsync(HttpResponseMessage response) => (await PageAsync(response)).Data;

    /// <summary>Asserts the success envelope of a list answered as an array with <c>nextCursor</c> beside it.</summary>
    public static async Task<(JsonArray Data, string? NextCursor)> PageAsync(HttpResponseMessage response)
    {
        var json = (await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.OK)).AsObject();
        Assert.Equal(["data", "nextCursor", "requestId", "success"], json.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True(json["success"]!.GetValue<bool>());
        return (json["data"]!.AsArray(), json["nextCursor"]?.GetValue<string>());
    }

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>Every property name anywhere in <paramref name="node"/>.</summary>
    public static IEnumerable<string> PropertyNames(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => PropertyNames(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(PropertyNames),
        _ => [],
    };
}
