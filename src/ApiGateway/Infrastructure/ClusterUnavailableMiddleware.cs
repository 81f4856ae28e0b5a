namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>
/// While no silo is reachable, every API route answers 503 <c>SERVICE_UNAVAILABLE</c> in the envelope
/// at once, without a grain call that could only fail. <c>/api/health</c> answers itself (with the
/// cluster unreachable), and the documentation, metrics and health routes need no cluster.
/// </summary>
internal sealed class ClusterUnavailableMiddleware(RequestDelegate next, ClusterConnection connection)
{
    /// <summary>The seconds a client is told to wait: about what a reconnection takes once a silo is back.</summary>
    public const string RetryAfterSeconds = "5";

    public Task InvokeAsync(HttpContext context)
    {
        if (connection.IsConnected || !NeedsCluster(context.Request.Path))
        {
            return next(context);
        }

        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return Envelope.Error(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
            "The platform is temporarily unavailable: no silo is reachable. Retry later.").ExecuteAsync(context);
    }

    internal static bool NeedsCluster(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase);
}
