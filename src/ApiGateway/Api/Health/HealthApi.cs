using System.Diagnostics;
using System.Globalization;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akademia.Webhooks.ApiGateway.Api.Health;

internal static class HealthApi
{
    private static readonly long StartedAt = Stopwatch.GetTimestamp();

    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/api/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/", GetHealth);
        return health;
    }

    /// <summary>The specification's answer, from the same checks as readiness (<see cref="GatewayHealthChecks"/>).</summary>
    public static async Task<Results<Ok<ApiSuccess<HealthReport>>, JsonHttpResult<ApiSuccess<HealthReport>>>> GetHealth(HealthCheckService checks, HttpContext context, TimeProvider timeProvider)
    {
        var uptime = Stopwatch.GetElapsedTime(StartedAt).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";
        var result = await checks.CheckHealthAsync(c => c.Tags.Contains(GatewayHealthChecks.ApiTag), context.RequestAborted);
        var reachable = result.Entries.TryGetValue(ClusterHealthCheck.Name, out var cluster) && cluster.Status == HealthStatus.Healthy;
        if (reachable
            && result.Entries.TryGetValue(PlatformHealthCheck.Name, out var platform)
            && platform.Data.TryGetValue(PlatformHealthCheck.HealthKey, out var value)
            && value is PlatformHealth health)
        {
            var report = new HealthReport(health.Status, timeProvider.GetUtcNow(), uptime, new SystemHealth(
                health.CircuitBreaker, health.Webhook, health.WebhookSuccessRate, health.RateLimiting, health.BlockRate,
                health.Storage, new ClusterView("reachable", health.ActiveSilos),
                health.Inbound));
            return health.Status == "unhealthy"
                ? TypedResults.Json(Envelope.Wrap(context, report), statusCode: StatusCodes.Status503ServiceUnavailable)
                : Envelope.Ok(context, report);
        }

        var unknown = new ComponentHealth("unknown", "the cluster did not answer");
        var unreachable = new HealthReport("unhealthy", timeProvider.GetUtcNow(), uptime,
            new SystemHealth("unknown", "unknown", null, "unknown", 0, unknown, new ClusterView(reachable ? "reachable" : "unreachable", 0)));
        return TypedResults.Json(Envelope.Wrap(context, unreachable), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
