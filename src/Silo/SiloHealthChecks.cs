using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akademia.Webhooks.Silo;

/// <summary>
/// The silo's health routes: <c>/health/live</c> (the process serves HTTP) and <c>/health/ready</c>
/// (<see cref="SiloReadinessHealthCheck"/>); <c>/healthz</c>, the container health check's route, is readiness.
/// </summary>
internal static class SiloHealthChecks
{
    public const string LiveRoute = "/health/live";
    public const string ReadyRoute = "/health/ready";
    public const string ContainerRoute = "/healthz";

    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddSiloHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessHealthCheck>(SiloReadinessHealthCheck.Name, tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapSiloHealthChecks(this WebApplication app)
    {
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync };
        app.MapHealthChecks(LiveRoute, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ReadyRoute, ready);
        app.MapHealthChecks(ContainerRoute, ready);
        return app;
    }

    // The status and, when not healthy, why: one line an operator can read in `docker inspect`.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var reasons = report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy).Select(e => e.Description);
        var text = report.Status == HealthStatus.Healthy ? "Healthy" : $"{report.Status}: {string.Join("; ", reasons)}";
        return context.Response.WriteAsync(text);
    }
}
