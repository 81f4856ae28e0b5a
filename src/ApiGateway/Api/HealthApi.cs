using System.Diagnostics;
using System.Globalization;
using Akademia.Webhooks.ApiGateway.Infrastructure;

namespace Akademia.Webhooks.ApiGateway.Api;

/// <summary>The gateway's liveness and its view of the cluster.</summary>
public sealed record HealthReport(string Status, DateTimeOffset Timestamp, string Uptime, SystemHealth SystemHealth);

/// <summary>The parts behind the overall status.</summary>
public sealed record SystemHealth(string Cluster, int ActiveSilos, ComponentHealth Storage);

internal static class HealthApi
{
    private static readonly long StartedAt = Stopwatch.GetTimestamp();

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/health").WithTags("Health").MapGet("/", GetHealth).AllowAnonymous();
        return routes;
    }

    public static async Task<Results<Ok<ApiSuccess<HealthReport>>, JsonHttpResult<ApiSuccess<HealthReport>>>> GetHealth(IGrainFactory grains, HttpContext context, TimeProvider time)
    {
        var uptime = Stopwatch.GetElapsedTime(StartedAt).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";
        try
        {
            var cluster = await grains.GetGrain<IPlatformHealthGrain>(0).CheckAsync().WaitAsync(TimeSpan.FromSeconds(10));
            var report = new HealthReport(cluster.Storage.Status, time.GetUtcNow(), uptime, new SystemHealth("reachable", cluster.ActiveSilos, cluster.Storage));
            return report.Status == "healthy"
                ? Envelope.Ok(context, report)
                : TypedResults.Json(Envelope.Wrap(context, report), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or WebhookPlatformException)
        {
            var report = new HealthReport("unhealthy", time.GetUtcNow(), uptime, new SystemHealth("unreachable", 0, new ComponentHealth("unknown", "the cluster did not answer")));
            return TypedResults.Json(Envelope.Wrap(context, report), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
