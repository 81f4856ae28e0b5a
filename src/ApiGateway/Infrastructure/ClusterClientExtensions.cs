using System.ComponentModel.DataAnnotations;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

internal static class ClusterClientExtensions
{
    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ClusterClientOptions.Section).Get<ClusterClientOptions>() ?? new ClusterClientOptions();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new InvalidOperationException("Invalid 'Cluster' configuration: " + string.Join("; ", results.Select(r => r.ErrorMessage)));
        }

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.Services.Configure<ExceptionSerializationOptions>(WireExceptions.Allow);
            if (string.Equals(options.Clustering, "Redis", StringComparison.OrdinalIgnoreCase))
            {
                var redis = StackExchange.Redis.ConfigurationOptions.Parse(options.RedisConnectionString
                    ?? throw new InvalidOperationException("Invalid 'Cluster' configuration: RedisConnectionString is required with Redis clustering."));
                redis.AbortOnConnectFail = false;
                client.UseRedisClustering(o => o.ConfigurationOptions = redis);
            }
            else
            {
                client.UseLocalhostClustering(options.GatewayPorts is { Length: > 0 } ports ? ports : [30000], options.ServiceId, options.ClusterId);
            }
        });
        return builder;
    }
}
