using System.ComponentModel.DataAnnotations;

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
