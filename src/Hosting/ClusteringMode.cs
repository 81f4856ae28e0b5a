namespace Akademia.Webhooks.Hosting;

public enum ClusteringMode
{
    /// <summary>One silo on this host; the gateway connects to its gateway port.</summary>
    Localhost,

    /// <summary>Membership in Redis: any number of silos and gateways.</summary>
    Redis,

    /// <summary>
    /// Membership in an Azure Storage table (Azurite in development): any number of silos and
    /// gateways; configured by the <c>AzureTables</c> section.
    /// </summary>
    AzureTables,
}
