namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>One page of API keys, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
/// <param name="Items">The keys of this page.</param>
/// <param name="NextCursor">The cursor of the next page, or null.</param>
[GenerateSerializer, Immutable, Alias("akademia.ApiKeyPage")]
public sealed record ApiKeyPage(
    [property: Id(0)] ApiKeyDetails[] Items,
    [property: Id(1)] string? NextCursor);
