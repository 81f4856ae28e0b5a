using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// The OpenAPI document at <c>/api-docs.yaml</c>, checked against what the gateway really maps (its
/// endpoint data source), and the interactive reference at <c>/api-docs</c>.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed partial class DocsTests(PlatformFixture platform)
{
    [Fact]
    public async Task TheDocumentIsYamlAndParsesAsOpenApi3WithoutErrors()
    {
        using var client = platform.AnonymousClient();

        var response = await client.GetAsync("/api-docs.yaml");
        var yaml = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("yaml", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var json = YamlToJson(yaml);
        var result = OpenApiDocument.Parse(json.ToJsonString(), "json");
        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        Assert.StartsWith("3.", json["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Akademia.Orleans API", result.Document!.Info.Title);
        Assert.All(json["components"]!["schemas"]!.AsObject(), s => Assert.Matches("^[A-Za-z0-9._-]+$", s.Key));
    }

    [Fact]
    public async Task TheDocumentListsEveryRouteTheGatewayMapsAndNoOther()
    {
        var document = await LoadAsync();
        var mapped = DocumentedEndpoints().Select(e => Operation(e.Method, e.Path)).Order(StringComparer.Ordinal).ToList();

        var listed = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => HttpMethods.Contains(o.Key)).Select(o => Operation(o.Key, path.Key)))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(mapped.Count >= 22, $"only {mapped.Count} endpoints found: {string.Join(", ", mapped)}");
        Assert.Equal(mapped, listed);
    }

    [Fact]
    public async Task TheSecuritySchemesAreBearerAndTheXApiKeyHeader()
    {
        var schemes = (await LoadAsync())["components"]!["securitySchemes"]!;

        Assert.Equal("http", schemes["Bearer"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["Bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("apiKey", schemes["ApiKey"]!["type"]!.GetValue<string>());
        Assert.Equal("header", schemes["ApiKey"]!["in"]!.GetValue<string>());
        Assert.Equal("X-API-Key", schemes["ApiKey"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProtectedOperationsRequireAKeyAndDocument401And403WherePoliciesRefuse()
    {
        var document = await LoadAsync();

        foreach (var endpoint in DocumentedEndpoints())
        {
            var operation = document["paths"]![endpoint.Path]![endpoint.Method.ToLowerInvariant()]!;
            var responses = operation["responses"]!.AsObject();
            var name = Operation(endpoint.Method, endpoint.Path);
            if (endpoint.Policies.Length == 0)
            {
                Assert.True(operation["security"] is null, $"{name} is public but lists security");
                Assert.False(responses.ContainsKey("401"), $"{name} is public but documents 401");
                continue;
            }

            var alternatives = operation["security"]!.AsArray().Select(r => r!.AsObject().Select(s => s.Key).Single()).ToList();
            Assert.Equal(["Bearer", "ApiKey"], alternatives);
            Assert.True(responses.ContainsKey("401"), $"{name} does not document 401");
            Assert.Equal(endpoint.Policies.Any(p => p != Policies.Read), responses.ContainsKey("403"));
        }
    }

    [Fact]
    public async Task ErrorResponsesAreTheEnvelopeWithTheirCodes()
    {
        var document = await LoadAsync();
        var expectedCodes = new Dictionary<string, string>
        {
            ["400"] = ErrorCodes.ValidationError,
            ["401"] = ErrorCodes.Unauthorized,
            ["403"] = ErrorCodes.Forbidden,
            ["404"] = ErrorCodes.NotFound,
            ["409"] = ErrorCodes.Conflict,
            ["413"] = ErrorCodes.PayloadTooLarge,
            ["429"] = ErrorCodes.RateLimitExceeded,
            ["503"] = ErrorCodes.ServiceUnavailable,
            ["504"] = ErrorCodes.Timeout,
        };

        foreach (var endpoint in DocumentedEndpoints())
        {
            var operation = document["paths"]![endpoint.Path]![endpoint.Method.ToLowerInvariant()]!;
            var responses = operation["responses"]!.AsObject();
            var name = Operation(endpoint.Method, endpoint.Path);
            Assert.True(responses.ContainsKey("504"), $"{name} does not document 504");
            Assert.True(responses.ContainsKey("503"), $"{name} does not document 503");
            if (operation["requestBody"] is not null)
            {
                Assert.True(responses.ContainsKey("400") && responses.ContainsKey("413"), $"{name} takes a body but does not document 400 and 413");
            }

            if (endpoint.Path.Contains('{', StringComparison.Ordinal))
            {
                Assert.True(responses.ContainsKey("404"), $"{name} has a path parameter but does not document 404");
            }

            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5' && !(endpoint.Path == "/api/health" && r.Key == "503")))
            {
                var content = response!["content"]!["application/json"]!;
                Assert.Equal("#/components/schemas/ApiError", content["schema"]!["$ref"]!.GetValue<string>());
                Assert.Equal(expectedCodes[status], content["example"]!["code"]!.GetValue<string>());
                Assert.Contains($"`{expectedCodes[status]}`", response["description"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }

        var error = document["components"]!["schemas"]!["ApiError"]!;
        Assert.Equal(["code", "error", "requestId"], error["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(
            typeof(ErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal),
            error["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/webhooks", "get", "standard")]
    [InlineData("/api/events", "post", "standard")]
    [InlineData("/api/admin/webhooks/dead-letter-queue", "get", "strict")]
    [InlineData("/api/client-errors", "post", "strict")]
    public async Task RateLimitedOperationsDocument429WithItsHeaders(string path, string method, string tier)
    {
        var response = (await LoadAsync())["paths"]![path]![method]!["responses"]!["429"]!;

        Assert.Contains($"`{tier}` tier", response["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"],
            response["headers"]!.AsObject().Select(h => h.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OnlyTheRoutesThatCanConflictDocument409()
    {
        var document = await LoadAsync();

        var conflicting = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Value!["responses"]?["409"] is not null).Select(o => Operation(o.Key, path.Key)))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "DELETE /api/apps/{appId}", "POST /api/admin/webhooks/dead-letter-queue/{id}/replay", "POST /api/apps",
                "POST /api/apps/{appId}/dead-letters/{id}/replay", "POST /api/apps/{appId}/events", "POST /api/apps/{appId}/webhooks/{id}/rotate-secret",
                "POST /api/events", "POST /api/webhooks/{id}/rotate-secret",
            ],
            conflicting);
    }

    [Fact]
    public async Task PublishDocumentsTheIdempotencyKeyHeader()
    {
        var parameters = (await LoadAsync())["paths"]!["/api/events"]!["post"]!["parameters"]!.AsArray();

        var header = Assert.Single(parameters, p => p!["in"]!.GetValue<string>() == "header");
        Assert.Equal("Idempotency-Key", header!["name"]!.GetValue<string>());
        Assert.False(header["required"]?.GetValue<bool>() ?? false);
        Assert.Equal(255L, header["schema"]!["maxLength"]!.GetValue<long>());
    }

    [Fact]
    public async Task RequestAndResponseBodiesHaveSchemas()
    {
        var document = await LoadAsync();
        var schemas = document["components"]!["schemas"]!;

        var create = document["paths"]!["/api/webhooks"]!["post"]!;
        Assert.Equal("#/components/schemas/CreateWebhookRequest", create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ApiSuccessOfCreatedWebhook", create["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["active", "description", "events", "failoverUrl", "headers", "rateLimit", "retryPolicy", "secret", "sla", "url"],
            schemas["CreateWebhookRequest"]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));

        var report = document["paths"]!["/api/client-errors"]!["post"]!;
        Assert.Equal("#/components/schemas/ClientErrorRequest", report["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["context", "message", "stack", "timestamp", "url", "userAgent"],
            schemas["ClientErrorRequest"]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));

        // Every success answer names its schema.
        foreach (var endpoint in DocumentedEndpoints())
        {
            var responses = document["paths"]![endpoint.Path]![endpoint.Method.ToLowerInvariant()]!["responses"]!.AsObject();
            var successes = responses.Where(r => r.Key[0] == '2').ToList();
            Assert.NotEmpty(successes);
            foreach (var success in successes)
            {
                var schema = success.Value!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
                Assert.True(schemas[schema["#/components/schemas/".Length..]] is not null, $"{endpoint.Method} {endpoint.Path} answers an undefined {schema}");
            }
        }
    }

    [Fact]
    public async Task TheInteractiveReferenceIsAnHtmlPageOverTheYamlDocument()
    {
        using var client = platform.AnonymousClient();

        var page = await client.GetAsync("/api-docs");
        var html = await page.Content.ReadAsStringAsync();
        var script = await client.GetAsync("/api-docs/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<div id=\"app\">", html, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"api-docs.yaml\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TheGatewaysRootRedirectsAnAnonymousVisitorToTheReferenceWithTheSecurityHeaders()
    {
        // The gateway runs on Kestrel here, whose client follows redirects whatever its options say.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = platform.Gateway.ClientOptions.BaseAddress };

        var response = await client.GetAsync("/");
        var followed = await client.GetAsync(response.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api-docs/", response.Headers.Location!.OriginalString);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal("text/html", followed.Content.Headers.ContentType!.MediaType);
    }

    private sealed record MappedEndpoint(string Method, string Path, string[] Policies);

    /// <summary>What the gateway maps and describes: every route endpoint with HTTP methods not excluded from the docs.</summary>
    private IEnumerable<MappedEndpoint> DocumentedEndpoints() =>
        platform.Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => new MappedEndpoint(
                m,
                NormalizePath(e.RoutePattern.RawText!),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null
                    ? []
                    : [.. e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>()])));

    private static string NormalizePath(string pattern)
    {
        var path = RouteParameter().Replace(pattern, "{$1}").TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }

    [GeneratedRegex(@"\{\*{0,2}([^}:?=]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private static readonly HashSet<string> HttpMethods = new(StringComparer.OrdinalIgnoreCase) { "get", "put", "post", "delete", "patch", "head", "options", "trace" };

    private static string Operation(string method, string path) => $"{method.ToUpperInvariant()} {path}";

    private async Task<JsonNode> LoadAsync()
    {
        using var client = platform.AnonymousClient();
        return YamlToJson(await client.GetStringAsync("/api-docs.yaml"));
    }

    /// <summary>YAML to JSON, with plain scalars typed as YAML 1.2's core schema types them.</summary>
    private static JsonNode YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents.Single().RootNode)!;

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
            YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
            YamlScalarNode { Style: ScalarStyle.Plain } plain => Plain(plain.Value ?? ""),
            YamlScalarNode quoted => JsonValue.Create(quoted.Value),
            _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}"),
        };

        static JsonNode? Plain(string value) => value switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
            _ => JsonValue.Create(value),
        };
    }
}
