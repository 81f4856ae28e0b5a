using System.Diagnostics;
using System.Globalization;
using Akademia.Webhooks.ApiGateway.Infrastructure;

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

    public static async Task<Results<Ok<ApiSuccess<HealthReport>>, JsonHttpResult<ApiSuccess<HealthReport>>>> GetHealth(IGrainFactory grains, HttpContext context, TimeProvider timeProvider)
    {
        var uptime = Stopwatch.GetElapsedTime(StartedAt).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";
        try
        {
            var health = await grains.GetGrain<IPlatformHealthGrain>(0).CheckAsync().WaitAsync(TimeSpan.FromSeconds(10));
            var report = new HealthReport(health.Status, timeProvider.GetUtcNow(), uptime, new SystemHealth(
                health.CircuitBreaker, health.Webhook, health.WebhookSuccessRate, health.RateLimiting, health.BlockRate,
                health.Storage, new ClusterView("reachable", health.ActiveSilos),
                health.Inbound));
            return health.Status == "unhealthy"
                ? TypedResults.Json(Envelope.Wrap(context, report), statusCode: StatusCodes.Status503ServiceUnavailable)
                : Envelope.Ok(context, report);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or WebhookPlatformException)
        {
            var unknown = new ComponentHealth("unknown", "the cluster did not answer");
            var report = new HealthReport("unhealthy", timeProvider.GetUtcNow(), uptime,
                new SystemHealth("unknown", "unknown", null, "unknown", 0, unknown, new ClusterView("unreachable", 0)));
            return TypedResults.Json(Envelope.Wrap(context, report), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
