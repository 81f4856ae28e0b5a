namespace Akademia.Webhooks.Hosting;

public enum ClusteringMode
{
    /// <summary>One silo on this host; the gateway connects to its gateway port.</summary>
    Localhost,

    /// <summary>Membership in Redis: any number of silos and gateways.</summary>
    Redis,
}
