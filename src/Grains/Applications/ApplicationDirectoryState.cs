namespace Akademia.Webhooks.Grains.Applications;

[GenerateSerializer, Immutable, Alias("akademia.ApplicationDirectoryState")]
public sealed record ApplicationDirectoryState
{
    /// <summary>The page new applications are appended to; every page before it is full.</summary>
    [Id(0)] public int LastPage { get; init; }
}
