using Akademia.Webhooks.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

internal static class ClusterClientExtensions
{
    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        // Needed before the host is built, so validated now (OptionsValidationException, as at start-up).
        var options = builder.Configuration.GetValidated<ClusterClientOptions, ClusterClientOptionsValidator>(ClusterClientOptions.Section);
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
        return builder;
    }
}
