namespace Akademia.Webhooks.Grains;

public static class StorageNames
{
    /// <summary>The grain storage provider every grain of the platform uses.</summary>
    public const string Webhooks = "webhooks";
}
