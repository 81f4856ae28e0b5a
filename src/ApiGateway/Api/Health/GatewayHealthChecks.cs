using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Akademia.Webhooks.ApiGateway.Api.Health;

/// <summary>
/// The gateway's health checks: liveness (<c>/health/live</c>, the process serves), readiness
/// (<c>/health/ready</c>, it reaches the cluster) and what <c>/api/health</c> reports.
/// </summary>
internal static class GatewayHealthChecks
{
    public const string LiveRoute = "/health/live";
    public const string ReadyRoute = "/health/ready";

    public const string ReadyTag = "ready";
    public const string ApiTag = "api";

    public static WebApplicationBuilder AddGatewayHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>(ClusterHealthCheck.Name, tags: [ReadyTag, ApiTag])
            .AddCheck<PlatformHealthCheck>(PlatformHealthCheck.Name, tags: [ApiTag]);
        return builder;
    }

    public static WebApplication MapGatewayHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(LiveRoute, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadyRoute, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
