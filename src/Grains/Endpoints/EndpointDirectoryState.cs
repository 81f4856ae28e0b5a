namespace Akademia.Webhooks.Grains.Endpoints;

[GenerateSerializer, Immutable, Alias("akademia.EndpointDirectoryState")]
public sealed record EndpointDirectoryState
{
    /// <summary>
    /// The whole directory as it was stored before it moved to pages; folded into the pages when the
    /// directory activates, then cleared. Empty in every directory written since.
    /// </summary>
    [Id(0)] public Dictionary<string, EndpointDetails> Endpoints { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Set when the application was created; the default application's directory is open without it.</summary>
    [Id(1)] public bool Opened { get; init; }

    /// <summary>Set when the application was deleted: nothing fans out to it any more.</summary>
    [Id(2)] public bool Closed { get; init; }

    /// <summary>The page new endpoints are appended to (<see cref="EndpointPageGrain"/>); every page before it is full.</summary>
    [Id(3)] public int LastPage { get; init; }
}
