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
            if (options.Clustering == ClusteringMode.Redis)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = RedisConnection.Options(options.RedisConnectionString));
            }
            else
            {
                client.UseLocalhostClustering(options.GatewayPorts is { Length: > 0 } ports ? ports : [30000], options.ServiceId, options.ClusterId);
            }
        });
        return builder;
    }
}
