using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// Prometheus exposition of the platform's instruments at <c>/metrics</c>. Used by both the
/// silo and the gateway: each process exports what it records itself, so scrape both.
/// </summary>
public static class MetricsHosting
{
    public static WebApplicationBuilder AddPrometheusMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PlatformMeter.Name)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http")
            // Orleans' own: messaging, reminders, storage, activations.
            .AddMeter("Microsoft.Orleans")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapPrometheusMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
