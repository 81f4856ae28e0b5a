using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Grains.Monitoring;

public static class MonitoringSiloExtensions
{
    /// <summary>Observation: the silo'\''s instruments and monitor buffer, its reporter, and the health settings (section <c>Monitor</c>).</summary>
    public static ISiloBuilder AddMonitoring(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddValidatedOptions<MonitorOptions, MonitorOptionsValidator>(configuration, MonitorOptions.Section);
        services.AddMetrics();
        services.AddSingleton<MonitorBuffer>();
        services.AddSingleton<PlatformInstruments>();
        services.AddHostedService<MonitorReporter>();
        return silo;
    }
}
