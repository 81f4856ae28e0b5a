namespace Akademia.Webhooks.Grains.ApiKeys;

[GenerateSerializer, Immutable, Alias("akademia.ApiKeyDirectoryState")]
public sealed record ApiKeyDirectoryState
{
    /// <summary>The page new keys go to; every page before it is full.</summary>
    [Id(0)] public long LastPage { get; init; }
}
