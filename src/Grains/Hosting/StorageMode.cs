namespace Akademia.Webhooks.Grains.Hosting;

/// <summary>Where grain state and reminders live.</summary>
public enum StorageMode
{
    /// <summary>In silo memory: the embedded default, lost on restart.</summary>
    Memory,

    /// <summary>Redis, with the official Orleans providers: survives silo restarts.</summary>
    Redis,

    /// <summary>
    /// Azure Storage with the official Orleans providers (tables; blobs for the states that can grow
    /// large), or Azurite in development; configured by the <c>AzureTables</c> section. The name
    /// predates the blobs and stays, since users set it.
    /// </summary>
    AzureTables,
}
