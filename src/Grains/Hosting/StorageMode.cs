namespace Akademia.Webhooks.Grains.Hosting;

/// <summary>Where grain state and reminders live.</summary>
public enum StorageMode
{
    /// <summary>In silo memory: the embedded default, lost on restart.</summary>
    Memory,

    /// <summary>Redis, with the official Orleans providers: survives silo restarts.</summary>
    Redis,

    /// <summary>
    /// Azure Table Storage (blobs for large states), or Azurite in development; configured by the
    /// <c>AzureTables</c> section.
    /// </summary>
    AzureTables,
}
