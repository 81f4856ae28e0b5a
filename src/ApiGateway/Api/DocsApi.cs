using System.Globalization;
using System.Text.Json.Nodes;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Akademia.Webhooks.ApiGateway.Api;

internal static class DocsApi
{
    /// <summary>The OpenAPI document, in YAML.</summary>
    public const string DocumentRoute = "/api-docs.yaml";

    /// <summary>The interactive reference over <see cref="DocumentRoute"/>.</summary>
    public const string UiRoute = "/api-docs";

    public const string BearerScheme = "Bearer";
    public const string ApiKeyScheme = "ApiKey";
    private const string ErrorSchema = nameof(ApiError);

    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(o =>
        {
            // The default names generic arrays "ApiSuccessOfX[]", which is not a valid component name.
            o.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type)?.Replace("[]", "Array", StringComparison.Ordinal);
            o.AddDocumentTransformer<PlatformDocumentTransformer>();
            o.AddOperationTransformer<ErrorResponsesTransformer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapDocsApi(this IEndpointRouteBuilder routes)
    {
        // Generated from the mapped endpoints on each request, in this process: there is no remote
        // spec to fetch, so it needs no timeout, retry or breaker of its own.
        routes.MapOpenApi(DocumentRoute).AllowAnonymous();
        routes.MapScalarApiReference(UiRoute, o =>
        {
            o.Title = "Akademia.Orleans API";
            o.OpenApiRoutePattern = DocumentRoute;
            // The page's policy allows fonts from this host only; the default ones come from a CDN.
            o.DefaultFonts = false;
        }).AllowAnonymous();

        // Someone who opens the gateway's address in a browser lands on the reference. Not an operation of
        // the API. To the page's own address, with its slash: Scalar redirects the route without one there.
        routes.MapGet("/", () => TypedResults.Redirect(UiRoute + "/")).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    /// <summary>Every code the error envelope can carry.</summary>
    private static readonly string[] ErrorCodeValues =
    [
        .. typeof(ErrorCodes).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!),
    ];

    private static OpenApiSchemaReference ErrorReference(OpenApiDocument document) => new(ErrorSchema, document);

    /// <summary>The document's description, the envelope, and the API-key security schemes.</summary>
    private sealed class PlatformDocumentTransformer : IOpenApiDocumentTransformer
    {
        public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info = new OpenApiInfo
            {
                Title = "Akademia.Orleans API",
                Version = "v1",
                Description = """
                    Webhook delivery platform. Every answer is in an envelope: `{"success": true, "data": …, "requestId": "…"}` or
                    `{"success": false, "error": "…", "code": "…", "requestId": "…", "details": {…}}` (`details` names each bad field).

                    Error codes: `VALIDATION_ERROR` and `BAD_REQUEST` (400), `UNAUTHORIZED` (401), `FORBIDDEN` (403), `NOT_FOUND` (404),
                    `CONFLICT` (409), `PAYLOAD_TOO_LARGE` (413), `RATE_LIMIT_EXCEEDED` (429, with `Retry-After`), `INTERNAL_SERVER_ERROR` (500),
                    `SERVICE_UNAVAILABLE` (503), `TIMEOUT` (504).

                    Authenticate with an API key, as `Authorization: Bearer <key>` or `X-API-Key: <key>`. Roles: `reader` reads,
                    `publisher` also publishes and manages endpoints and event types, `admin` may do everything.
                    """,
            };

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "API key",
                Description = "The API key as a bearer token: `Authorization: Bearer <key>`.",
            };
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-API-Key",
                Description = "The API key in its own header: `X-API-Key: <key>`.",
            };

            // Operations refer to the envelope by reference; it is registered here in case no
            // operation's own metadata named it.
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            if (!document.Components.Schemas.TryGetValue(ErrorSchema, out var error))
            {
                error = await context.GetOrCreateSchemaAsync(typeof(ApiError), null, cancellationToken);
                document.Components.Schemas[ErrorSchema] = error;
            }

            if (error is OpenApiSchema { Properties: { } properties } && properties.TryGetValue("code", out var code) && code is OpenApiSchema codeSchema)
            {
                codeSchema.Enum = [.. ErrorCodeValues.Select(c => (JsonNode)JsonValue.Create(c))];
            }
        }
    }

    /// <summary>
    /// Documents the path parameters a route group reads rather than the handler (the <c>{appId}</c>
    /// of <c>/api/apps/{appId}/…</c>, which a route filter checks), which the generator leaves out.
    /// </summary>
    private static void DocumentGroupParameters(OpenApiOperation operation, string relativePath)
    {
        foreach (var segment in relativePath.Split('/'))
        {
            if (segment is not ['{', .., '}'])
            {
                continue;
            }

            var name = segment[1..^1].Split(':', '?')[0];
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Path,
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
        }
    }

    /// <summary>
    /// Adds to each operation the security it needs and the errors the middleware chain can answer
    /// for it, each in the error envelope: what the route's shape implies (a body, parameters,
    /// a rate-limit tier, a policy) plus what the route declared with <see cref="DocumentedError"/>.
    /// </summary>
    private sealed class ErrorResponsesTransformer(IOptions<RateLimitOptions> rateLimits) : IOpenApiOperationTransformer
    {
        public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var document = context.Document ?? throw new InvalidOperationException("The operation has no document.");
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToArray();
            var isProtected = policies.Length > 0 && !metadata.OfType<IAllowAnonymous>().Any();
            DocumentGroupParameters(operation, context.Description.RelativePath ?? string.Empty);
            var hasBody = operation.RequestBody is not null;
            var hasQuery = operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true;
            var hasPathParameters = operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true;
            var path = new PathString("/" + context.Description.RelativePath);

            operation.Responses ??= [];
            if (hasBody || hasQuery)
            {
                Add(operation, document, StatusCodes.Status400BadRequest, ErrorCodes.ValidationError,
                    "`VALIDATION_ERROR`: a field is invalid, and `details` names each; `BAD_REQUEST`: the body is not JSON.",
                    "Validation failed.", new JsonObject { ["url"] = "must be an absolute http or https URL" });
            }

            if (isProtected)
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
                ];
                Add(operation, document, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
                    "`UNAUTHORIZED`: no API key, or an unknown one; the answer carries `WWW-Authenticate: Bearer`.",
                    "A valid API key is required: Authorization: Bearer <key> or X-API-Key: <key>.");

                // Every role may read, so only the other policies can refuse a known key.
                if (policies.Any(p => p != Policies.Read))
                {
                    Add(operation, document, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
                        "`FORBIDDEN`: the key's role does not allow this operation.", "This API key's role does not allow this operation.");
                }

                operation.Description = Join(operation.Description, $"Requires an API key with role {RolesFor(policies)}.");
            }

            if (hasPathParameters)
            {
                Add(operation, document, StatusCodes.Status404NotFound, ErrorCodes.NotFound, "`NOT_FOUND`: no such resource.", "Endpoint 'ep_unknown' not found.");
            }

            foreach (var header in metadata.OfType<DocumentedHeader>())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = header.Name,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = header.Description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = header.MaxLength },
                });
            }

            foreach (var declared in metadata.OfType<DocumentedError>())
            {
                Add(operation, document, declared.Status, declared.Code, $"`{declared.Code}`: {declared.When}", declared.When);
            }

            if (hasBody)
            {
                Add(operation, document, StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
                    "`PAYLOAD_TOO_LARGE`: the body is over the gateway's limit.", "Request body too large.");
            }

            if (rateLimits.Value.Enabled && rateLimits.Value.TierFor(path) is { } tier)
            {
                var (limit, window) = rateLimits.Value.TierLimits(tier);
                var seconds = window.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
                var keyTier = rateLimits.Value.KeyTierFor(path)!;
                var (keyLimit, keyWindow) = rateLimits.Value.TierLimits(keyTier);
                var keyed = string.Equals(keyTier, tier, StringComparison.OrdinalIgnoreCase)
                    ? "per API key when one is presented, otherwise per client IP"
                    : $"per client IP without an API key; with one, the `{keyTier}` tier, {keyLimit} per {keyWindow.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s per key";
                var response = Add(operation, document, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded,
                    $"`RATE_LIMIT_EXCEEDED`: over the `{tier}` tier, {limit} requests per {seconds} s for each route, {keyed}.",
                    $"Too many requests: {limit} per {seconds} s. Retry after 42 s.");
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = Header("Seconds until the window resets."),
                    ["X-RateLimit-Limit"] = Header("Requests allowed per window."),
                    ["X-RateLimit-Remaining"] = Header("Requests left in this window."),
                    ["X-RateLimit-Reset"] = Header("When the window resets, in unix seconds."),
                };
            }

            // An operation that documents its own 503 (health answers it in its own shape) keeps it.
            if (!operation.Responses.ContainsKey("503"))
            {
                Add(operation, document, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                    "`SERVICE_UNAVAILABLE`: the cluster or its storage is unreachable; nothing was accepted.",
                    "The platform is temporarily unavailable; retry later.");
            }

            Add(operation, document, StatusCodes.Status504GatewayTimeout, ErrorCodes.Timeout,
                "`TIMEOUT`: the route's time budget ran out.", "The request did not complete within 30 s.");
            return Task.CompletedTask;
        }

        private static OpenApiResponse Add(OpenApiOperation operation, OpenApiDocument document, int status, string code, string description,
            string exampleMessage, JsonObject? exampleDetails = null)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses!.TryGetValue(key, out var declared) && declared is OpenApiResponse { Content: { } content } existing
                && content.ContainsKey("application/json"))
            {
                return existing;
            }

            var example = new JsonObject
            {
                ["success"] = false,
                ["error"] = exampleMessage,
                ["code"] = code,
                ["requestId"] = "0f8fad5b-d9cb-469f-a165-70867728950e",
            };
            if (exampleDetails is not null)
            {
                example["details"] = exampleDetails;
            }

            var response = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = ErrorReference(document), Example = example },
                },
            };
            operation.Responses[key] = response;
            return response;
        }

        private static OpenApiHeader Header(string description) => new()
        {
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
        };

        private static string RolesFor(string[] policies) => policies.Contains(Policies.ClusterAdmin) ? "`admin` with no application scope"
            : policies.Contains(Policies.Admin) ? "`admin`"
            : policies.Contains(Policies.Publish) ? "`publisher` or `admin`"
            : "`reader`, `publisher` or `admin`";

        private static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : first + "\n\n" + second;
    }
}
