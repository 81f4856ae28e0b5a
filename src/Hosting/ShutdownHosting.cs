using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Hosting;

public static class ShutdownHosting
{
    /// <summary>
    /// Bounds the stop after SIGTERM by <see cref="ShutdownOptions.Timeout"/> (the host's
    /// <see cref="HostOptions.ShutdownTimeout"/>, which Kestrel's drain of in-flight requests and the
    /// silo's leave share) and logs when the stop begins and how long it took.
    /// </summary>
    public static WebApplicationBuilder AddBoundedShutdown(this WebApplicationBuilder builder, string processName)
    {
        builder.Services.AddValidatedOptions<ShutdownOptions, ShutdownOptionsValidator>(builder.Configuration, ShutdownOptions.Section);
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
        builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<ShutdownLog>(sp, processName));
        return builder;
    }
}
