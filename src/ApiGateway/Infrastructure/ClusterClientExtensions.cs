using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration.Memory;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

internal static class ClusterClientExtensions
{
    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        // Needed before the host is built, so validated now (OptionsValidationException, as at start-up).
        var options = builder.Configuration.GetValidated<ClusterClientOptions, ClusterClientOptionsValidator>(ClusterClientOptions.Section);
        var hostedBefore = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToHashSet();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.Services.Configure<ExceptionSerializationOptions>(WireExceptions.Allow);
            // A publish's trace continues into the grains it calls.
            client.AddActivityPropagation();
            switch (options.Clustering)
            {
                case ClusteringMode.Redis:
                    client.UseRedisClustering(o => o.ConfigurationOptions = RedisConnection.Options(options.RedisConnectionString));
                    break;
                case ClusteringMode.AzureTables:
                    var azure = builder.Configuration.GetValidated<AzureTablesOptions, AzureTablesOptionsValidator>(AzureTablesOptions.Section);
                    client.UseAzureStorageClustering(o =>
                    {
                        o.TableServiceClient = azure.CreateTableClient();
                        o.TableName = azure.MembershipTable;
                    });
                    break;
                default:
                    client.UseLocalhostClustering(options.GatewayPorts is { Length: > 0 } ports ? ports : [30000], options.ServiceId, options.ClusterId);
                    break;
            }
        });
        StartInBackground(builder, hostedBefore);
        return builder;
    }

    /// <summary>
    /// The Orleans client is a hosted service whose start waits for a silo, so a gateway without one
    /// never listened. It is taken out of the host's start and started by
    /// <see cref="ClusterConnectionService"/> instead, which retries for as long as the gateway runs;
    /// meanwhile API routes answer 503 (<see cref="ClusterUnavailableMiddleware"/>).
    /// </summary>
    private static void StartInBackground(WebApplicationBuilder builder, HashSet<ServiceDescriptor> hostedBefore)
    {
        var orleansClient = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && !hostedBefore.Contains(d));
        builder.Services.Remove(orleansClient);
        builder.Services.AddSingleton<ClusterConnection>();
        builder.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<ClusterConnection>());
        builder.Services.AddSingleton<IClientConnectionRetryFilter, ClusterConnectionRetryFilter>();
        builder.Services.AddHostedService(sp => new ClusterConnectionService(
            (IHostedService)(orleansClient.ImplementationInstance
                ?? orleansClient.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.GetServiceOrCreateInstance(sp, orleansClient.ImplementationType!)),
            sp.GetRequiredService<ClusterConnection>(),
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<ILogger<ClusterConnectionService>>()));

        // Orleans logs each failed connection attempt with its stack trace, and the health check
        // service each failing check of each poll (readiness fails exactly while disconnected); the
        // connection logs one line per change of state instead. Defaults only: Logging:LogLevel
        // settings override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Orleans.Runtime.Messaging"] = "Error",
                ["Logging:LogLevel:Orleans.Messaging"] = "Error",
                ["Logging:LogLevel:Orleans.OutsideRuntimeClient"] = "Error",
                ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
            },
        });
    }
}
