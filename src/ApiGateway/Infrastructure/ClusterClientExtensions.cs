using System.ComponentModel.DataAnnotations;
using Orleans.Configuration;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>
/// How the gateway finds the cluster. Section <c>Cluster</c>, shared with the silo.
/// </summary>
public sealed class ClusterClientOptions
{
    public const string Section = "Cluster";

    [Required]
    public string ClusterId { get; set; } = "akademia-dev";

    [Required]
    public string ServiceId { get; set; } = "akademia";

    /// <summary><c>Localhost</c> (the silo's gateway ports on this host) or <c>Redis</c> (membership in Redis).</summary>
    public string Clustering { get; set; } = "Localhost";

    /// <summary>Required with Redis clustering.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Silo gateway ports on this host, for localhost clustering; 30000 when unset.</summary>
    /// <remarks>No default array: the configuration binder appends to an existing array instead of replacing it.</remarks>
    public int[]? GatewayPorts { get; set; }
}

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
