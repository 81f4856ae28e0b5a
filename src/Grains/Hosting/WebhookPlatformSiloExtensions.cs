using System.Net;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Grains.Inbound;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Hosting;

public static class WebhookPlatformSiloExtensions
{
    /// <summary>
    /// Registers what the platform's grains need: options (validated at start-up) and the outbound
    /// HTTP client. Storage, reminders and clustering are the host's choice.
    /// </summary>
    public static ISiloBuilder AddWebhookPlatform(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection(DeliveryOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<CircuitBreakerOptions>()
            .Bind(configuration.GetSection(CircuitBreakerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<EndpointPolicyOptions>()
            .Bind(configuration.GetSection(EndpointPolicyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SecretsOptions>()
            .Bind(configuration.GetSection(SecretsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<InboundOptions>()
            .Bind(configuration.GetSection(InboundOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<IdempotencyOptions>()
            .Bind(configuration.GetSection(IdempotencyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<InboundTypeCache>();
        services.AddOptions<MonitorOptions>().Bind(configuration.GetSection(MonitorOptions.Section))
            .Validate(o => o.HealthProbeCacheDuration >= TimeSpan.Zero && o.HealthProbeCacheDuration <= TimeSpan.FromMinutes(1),
                "Monitor:HealthProbeCacheDuration must be between 00:00:00 and 00:01:00")
            .ValidateOnStart();
        services.AddOptions<ClientErrorOptions>()
            .Bind(configuration.GetSection(ClientErrorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<MonitorBuffer>();
        services.AddSingleton<PlatformInstruments>();
        services.AddHostedService<MonitorReporter>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<OperationalEventEmitter>();
        services.AddSingleton<SecretProtector>();
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
