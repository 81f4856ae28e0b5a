using System.Net;
using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Akademia.Webhooks.Silo;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Hosts an Orleans silo configured from the <c>Orleans</c> section: clustering, storage,
    /// reminders, the dashboard and the platform's grains.
    /// </summary>
    public static WebApplicationBuilder AddWebhookSilo(this WebApplicationBuilder builder)
    {
        // Needed before the host is built, so validated now; a bad setting is one clear line, not a
        // stack trace from deep inside Orleans.
        var options = builder.Configuration.GetValidated<SiloOptions, SiloOptionsValidator>(SiloOptions.Section);
        VolatileStorageRule.Check(options, builder.Environment.EnvironmentName);
        if (VolatileStorageRule.RunsVolatileByChoice(options, builder.Environment.EnvironmentName))
        {
            builder.Services.AddHostedService<VolatileStorageWarning>();
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = options.DirectoryCacheSize);
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = options.MinimumReminderPeriod);

            switch (options.Clustering)
            {
                case ClusteringMode.Localhost:
                    silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
                    break;
                case ClusteringMode.Redis or ClusteringMode.AzureTables:
                    if (options.Clustering == ClusteringMode.Redis)
                    {
                        silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConnection.Options(options.RedisConnectionString));
                    }
                    else
                    {
                        var azure = builder.Configuration.GetValidated<AzureTablesOptions, AzureTablesOptionsValidator>(AzureTablesOptions.Section);
                        silo.UseAzureStorageClustering(o =>
                        {
                            o.TableServiceClient = azure.CreateTableClient();
                            o.TableName = azure.MembershipTable;
                        });
                    }

                    silo.ConfigureEndpoints(
                        options.AdvertisedIP is { Length: > 0 } ip ? IPAddress.Parse(ip) : IPAddress.Loopback,
                        options.SiloPort,
                        options.GatewayPort,
                        listenOnAnyHostAddress: options.AdvertisedIP is { Length: > 0 });
                    break;
            }

            if (options.Clustering == ClusteringMode.Localhost && options.AdvertisedIP is { Length: > 0 } advertised)
            {
                silo.Configure<Orleans.Configuration.EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Parse(advertised));
            }

            silo.AddWebhookStorage(options.Storage, options.RedisConnectionString);

            silo.AddDashboard();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => ActivatorUtilities.CreateInstance<SiloActiveLog>(sp, options));
            silo.AddWebhookPlatform(builder.Configuration);
        });
        return builder;
    }

    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/dashboard/"));
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireDashboardAdmin(app.Environment);
        return app;
    }
}
