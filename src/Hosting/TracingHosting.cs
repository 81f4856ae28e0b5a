using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// Distributed tracing for both processes: incoming HTTP, Orleans grain calls (with the context carried
/// across silos by Orleans' activity propagation), and outgoing HTTP, whose W3C <c>traceparent</c>
/// reaches the receiver. On when an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// or <c>Telemetry:OtlpEndpoint</c>) or <c>Telemetry:Tracing</c> is true; off otherwise, because a
/// delivery then makes about two spans per grain call, which costs CPU for nobody's benefit. The
/// exporter batches in the background, so an unreachable collector drops spans and never slows a delivery.
/// </summary>
public static class TracingHosting
{
    public const string OtlpEndpointSetting = "Telemetry:OtlpEndpoint";

    public const string TracingSetting = "Telemetry:Tracing";

    public static WebApplicationBuilder AddTracing(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration[OtlpEndpointSetting] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var collector = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : null;

        if (collector is null && !string.Equals(builder.Configuration[TracingSetting], "true", StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing
                .AddSource(PlatformTracing.Name)
                .AddSource(PlatformTracing.OrleansSources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation();
            if (collector is not null)
            {
                tracing.AddOtlpExporter(o => o.Endpoint = collector);
            }
        });
        return builder;
    }
}
