using System.Text.Json;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>
/// Turns every failure into the error envelope: platform errors keep their code, binding errors
/// become 400 or 413, an unreachable cluster 503, and anything else a 500 with no internals.
/// </summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var (status, code, message, details) = Describe(ex);
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                LogUnavailable(logger, context.Request.Method, context.Request.Path, ex.Message);
            }
            else if (status >= 500)
            {
                LogFailure(logger, ex, context.Request.Method, context.Request.Path, status);
            }

            context.Response.Clear();
            context.Response.Headers[RequestIds.Header] = RequestIds.Get(context);
            await Envelope.Error(context, status, code, message, details).ExecuteAsync(context);
        }
    }

    private static (int Status, string Code, string Message, IReadOnlyDictionary<string, string>? Details) Describe(Exception ex) => ex switch
    {
        ValidationFailedException v => (StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "Validation failed.", v.Errors),
        WebhookPlatformException p => (StatusFor(p.Code), p.Code, p.Message, p.Details),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "Request body too large.", null),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            (StatusCodes.Status415UnsupportedMediaType, ErrorCodes.BadRequest, "The request body must be JSON (Content-Type: application/json).", null),
        BadHttpRequestException b => (StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The request could not be read.", DescribeBinding(b)),
        // The first call after the last silo died can fail on its connection before the client marks
        // the cluster unreachable: an outage too, not a bug.
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
            or Orleans.Runtime.Messaging.ConnectionFailedException or Microsoft.AspNetCore.Connections.ConnectionAbortedException =>
            (StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The platform is temporarily unavailable; retry later.", null),
        _ => (StatusCodes.Status500InternalServerError, ErrorCodes.InternalServerError, "An unexpected error occurred.", null),
    };

    private static int StatusFor(string code) => code switch
    {
        ErrorCodes.ValidationError or ErrorCodes.BadRequest or ErrorCodes.MalformedPayload => StatusCodes.Status400BadRequest,
        ErrorCodes.InvalidSignature => StatusCodes.Status401Unauthorized,
        ErrorCodes.RateLimitExceeded => StatusCodes.Status429TooManyRequests,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static Dictionary<string, string> DescribeBinding(BadHttpRequestException ex)
    {
        // The JSON reader names the offending path ("$.events"); report it as the field.
        if (ex.InnerException is JsonException { Path: { Length: > 0 } path } json)
        {
            var field = path.TrimStart('$', '.');
            return new() { [field.Length == 0 ? "body" : field] = json.Message.Split(" Path:")[0] };
        }

        return new() { ["body"] = ex.InnerException is JsonException inner ? inner.Message.Split(" Path:")[0] : ex.Message };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, PathString path, int status);
}
