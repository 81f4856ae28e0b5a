using Akademia.Webhooks.Grains.Breakers;
using Akademia.Webhooks.Grains.ClientErrors;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Grains.Inbound;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.PortalAccess;
using Akademia.Webhooks.Grains.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;

namespace Akademia.Webhooks.Grains.Hosting;

public static class WebhookPlatformSiloExtensions
{
    /// <summary>
    /// Registers what the platform's grains need, feature by feature; each feature's options are
    /// validated at start-up. Storage, reminders and clustering are the host's choice.
    /// </summary>
    public static ISiloBuilder AddWebhookPlatform(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        // Orleans' own timeouts can carry exceptions from outside the namespaces it serializes.
        silo.Services.Configure<ExceptionSerializationOptions>(WireExceptions.Allow);
        // One trace from the publish through the grain calls to each outbound POST.
        silo.AddActivityPropagation();
        return silo
            .AddEvents(configuration)
            .AddEndpoints(configuration)
            .AddDeliveries(configuration)
            .AddBreakers(configuration)
            .AddInbound(configuration)
            .AddClientErrors(configuration)
            .AddMonitoring(configuration)
            .AddPortalAccess(configuration)
            .AddRetention(configuration);
    }
}
