namespace Akademia.Webhooks.Grains;

public static class StorageNames
{
    /// <summary>The grain storage provider of the platform's grains.</summary>
    public const string Webhooks = "webhooks";

    /// <summary>
    /// The grain storage of the grains whose state has no bound yet (the endpoint, inbound source and
    /// event type directories, the dead-letter indexes): on Azure it is blob storage, because a table
    /// entity is capped near 1 MiB; on the other backends it is the same store as <see cref="Webhooks"/>.
    /// </summary>
    public const string Large = "webhooks-large";
}
