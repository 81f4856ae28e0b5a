namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One page of applications, oldest first. A page may hold fewer than the limit asked for (deleted
/// applications are skipped, and one call reads a bounded number of stored pages); follow
/// <see cref="NextCursor"/> until it is <c>null</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.ApplicationPage")]
public sealed record ApplicationPage(
    [property: Id(0)] Application[] Items,
    [property: Id(1)] string? NextCursor);
