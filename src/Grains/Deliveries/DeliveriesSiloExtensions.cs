using System.Net;
using Akademia.Webhooks.Grains.Attempts;
using Akademia.Webhooks.Grains.Security;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Deliveries;

public static class DeliveriesSiloExtensions
{
    /// <summary>Deliveries: their settings (section <c>Delivery</c>), the attempt pipeline, the sender and the guarded outbound HTTP client.</summary>
    public static ISiloBuilder AddDeliveries(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddValidatedOptions<DeliveryOptions, DeliveryOptionsValidator>(configuration, DeliveryOptions.Section);
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<IAttemptPipeline, AttemptPipeline>();
        services.AddSingleton<AttemptDrain>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<AttemptDrain>());
        services.AddSingleton(sp => new DestinationPolicy(
            (sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.AllowedDestinationNetworks ?? []).Select(IPNetwork.Parse)));
        services.AddSingleton<GuardedConnector>();

        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<GuardedConnector>().ConnectAsync,
                // A redirect is a failed delivery, never followed: following it would bypass the
                // destination checks and surprise the endpoint's owner.
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            // The per-attempt timeout is the grain's; the handler lifetime is managed by the pool above.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return silo;
    }
}
