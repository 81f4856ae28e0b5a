using System.Diagnostics;
using System.Globalization;
using Akademia.Webhooks.ApiGateway.Infrastructure;

namespace Akademia.Webhooks.ApiGateway.Api;

/// <summary>The gateway's liveness and its view of the cluster.</summary>
public sealed record HealthReport(string Status, DateTimeOffset Timestamp, string Uptime, string Cluster);

internal static class HealthApi
{
    private static readonly long StartedAt = Stopwatch.GetTimestamp();

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/health").WithTags("Health").MapGet("/", GetHealth);
        return routes;
    }

    public static async Task<Results<Ok<ApiSuccess<HealthReport>>, JsonHttpResult<ApiSuccess<HealthReport>>>> GetHealth(IGrainFactory grains, HttpContext context, TimeProvider time)
    {
        var uptime = Stopwatch.GetElapsedTime(StartedAt).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";
        try
        {
            // A cheap round trip through the cluster proves the gateway can reach a silo.
            await grains.GetGrain<IEventTypeRegistryGrain>(IEventTypeRegistryGrain.Key).ListAsync().WaitAsync(TimeSpan.FromSeconds(5));
            return Envelope.Ok(context, new HealthReport("healthy", time.GetUtcNow(), uptime, "reachable"));
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return TypedResults.Json(Envelope.Wrap(context, new HealthReport("unhealthy", time.GetUtcNow(), uptime, "unreachable")), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
