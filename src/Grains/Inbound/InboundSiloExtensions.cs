using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Grains.Inbound;

public static class InboundSiloExtensions
{
    /// <summary>Inbound webhooks: verification, processing and retries (section <c>Inbound</c>).</summary>
    public static ISiloBuilder AddInbound(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddValidatedOptions<InboundOptions, InboundOptionsValidator>(configuration, InboundOptions.Section);
        services.AddSingleton<InboundTypeCache>();
        return silo;
    }
}
