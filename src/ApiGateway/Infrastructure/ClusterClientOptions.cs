using Akademia.Webhooks.Hosting;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>
/// How the gateway finds the cluster. Section <c>Cluster</c>, whose shared settings (ids, clustering,
/// Redis) are <see cref="PlatformClusterOptions"/>, as the silo's are.
/// </summary>
public sealed class ClusterClientOptions : PlatformClusterOptions
{
    /// <summary>Silo gateway ports on this host, for localhost clustering; 30000 when unset.</summary>
    /// <remarks>No default array: the configuration binder appends to an existing array instead of replacing it.</remarks>
    public int[]? GatewayPorts { get; set; }
}
