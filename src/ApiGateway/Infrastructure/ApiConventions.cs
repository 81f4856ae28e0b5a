using System.Text.Json;
using System.Text.Json.Serialization;
using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

internal static partial class ApiConventions
{
    public static readonly JsonSerializerOptions Json = ConfigureJson(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static WebApplicationBuilder AddApiConventions(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<GatewayOptions, GatewayOptionsValidator>(builder.Configuration, GatewayOptions.Section);
        builder.Services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        builder.Services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(builder.Configuration, RateLimitOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Binding failures (malformed JSON, a non-numeric limit) throw, so they reach the error
        // handler below and answer in the envelope rather than as a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>()?.MaxRequestBodyBytes
                ?? new GatewayOptions().MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>
    /// The middleware chain, in the specification's order: request id and error envelope first, then
    /// 503 while no silo is reachable, rate limiting, security headers, the route timeout, and authentication and roles. Routing only
    /// matches (the endpoint runs at the end), and comes before the limiter so that it can count by
    /// route template rather than by raw path.
    /// </summary>
    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseRequestIds();
        app.UseStatusCodePages(EnvelopeBareStatus);
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseRouting();
        app.UseMiddleware<ClusterUnavailableMiddleware>();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseSecurityHeaders();
        app.Use(EnforceBodyLimit);
        app.UseRequestTimeouts();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(RejectJsonBodyThatIsNotUtf8);
        return app;
    }

    /// <summary>The group every API route is mapped in: it stops waiting for grains when the route's time is up.</summary>
    public static RouteGroupBuilder MapApi(this WebApplication app) =>
        app.MapGroup(string.Empty).AddEndpointFilter(RequestTimeoutPolicies.StopAtTimeout).AddEndpointFilter(NotFoundForBlankPathIds);

    // A path id that decodes to whitespace only (%20, %0A, %09) names nothing that can exist, and
    // Orleans refuses it as a grain key with an ArgumentException, which answered 500. Every route
    // takes its ids from the path, so this one check answers them all as not found.
    private static ValueTask<object?> NotFoundForBlankPathIds(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && string.IsNullOrWhiteSpace(text))
            {
                return ValueTask.FromResult<object?>(Envelope.NotFound(context, $"No resource has the {name} given in {context.Request.Path}."));
            }
        }

        return next(invocation);
    }

    // What routing answers without a body (no route, a method or content type the route does not
    // take) is answered in the envelope here. A catch-all fallback route would not do: it matches any
    // method and content type, so it would turn a 405 or 415 into a 404.
    private static Task EnvelopeBareStatus(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        var status = context.Response.StatusCode;
        var (code, message) = status switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, $"No route for {context.Request.Method} {context.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.BadRequest, $"{context.Request.Method} is not allowed on {context.Request.Path}."),
            StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.BadRequest, "The request body must be JSON (Content-Type: application/json)."),
            StatusCodes.Status413PayloadTooLarge => (ErrorCodes.PayloadTooLarge, "Request body too large."),
            >= StatusCodes.Status500InternalServerError => (ErrorCodes.InternalServerError, "An unexpected error occurred."),
            _ => (ErrorCodes.BadRequest, "The request could not be processed."),
        };
        return Envelope.Error(context, status, code, message).ExecuteAsync(context);
    }

    // Kestrel enforces the limit on the wire; this also covers hosts without Kestrel's limit
    // and answers an announced oversize body before reading it.
    private static async Task EnforceBodyLimit(HttpContext context, RequestDelegate next)
    {
        var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true })
        {
            await BufferUnannouncedBodyAsync(context.Request, limit, context.RequestAborted);
        }

        await next(context);
    }

    // A body of unannounced length (chunked) is read here, so that going over the limit throws where
    // the error middleware answers it in the envelope. Left to the JSON binder, the overflow would be
    // swallowed as an I/O error and Kestrel would answer a bare 413.
    private static async Task BufferUnannouncedBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }
        }

        request.Body.Position = 0;
    }

    // JSON is UTF-8 (RFC 8259), but System.Text.Json checks the UTF-8 of a string only when it
    // converts it: a JsonElement member (an event's data, a client error's context) is bound
    // unchecked and failed later, in the handler, as a 500; the name of a member that is not bound
    // is never checked at all. So every body a route binds as JSON is checked here, once, after
    // authorization (a caller without a key is told so first) and before binding. The body is at
    // most Gateway:MaxRequestBodyBytes and the binder reads it whole anyway; it is read once into
    // memory and the binder reads that copy.
    private static async Task RejectJsonBodyThatIsNotUtf8(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
            && accepts.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase))
            && context.Request.HasJsonContentType())
        {
            var length = context.Request.ContentLength;
            var body = new MemoryStream(length is > 0 and <= int.MaxValue ? (int)length.Value : 0);
            context.Response.RegisterForDispose(body);
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            if (Utf8Problem(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } problem)
            {
                throw new ValidationFailedException(new() { ["body"] = problem });
            }

            body.Position = 0;
            context.Request.Body = body;
        }

        await next(context);
    }

    /// <summary>Where <paramref name="bytes"/> stop being UTF-8 (overlong forms and surrogates included), or null when they are.</summary>
    internal static string? Utf8Problem(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        // Only on the error path: decode to find the first invalid sequence.
        var chars = new char[bytes.Length];
        System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var valid, out _, replaceInvalidSequences: false);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be UTF-8: invalid byte sequence at offset {valid}");
    }

    private static JsonSerializerOptions ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        return options;
    }
}
