using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// How a process finds the cluster: the settings the silo and the gateway share, defined once. Section
/// <c>Cluster</c>; each host's options derive from this and add their own.
/// </summary>
public abstract class PlatformClusterOptions : IValidatableObject
{
    public const string Section = "Cluster";

    [Required]
    public string ClusterId { get; set; } = "akademia-dev";

    [Required]
    public string ServiceId { get; set; } = "akademia";

    /// <summary>
    /// <c>Localhost</c> (one silo on this host), <c>Redis</c> (membership in Redis) or <c>AzureTables</c>
    /// (membership in an Azure Storage table, with the <c>AzureTables</c> section).
    /// </summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>StackExchange.Redis connection string, required when anything is in Redis.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Whether this process needs Redis; a host that keeps more there says so.</summary>
    protected virtual bool NeedsRedis => Clustering == ClusteringMode.Redis;

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NeedsRedis && string.IsNullOrWhiteSpace(RedisConnectionString))
        {
            yield return new ValidationResult("is required when Clustering (or the silo's Storage) is Redis (e.g. 127.0.0.1:6379)", [nameof(RedisConnectionString)]);
        }
    }
}
