namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One page of an application's endpoints, oldest first. A page may hold fewer than the limit asked
/// for (deleted endpoints are skipped, and one call reads a bounded number of stored pages); follow
/// <see cref="NextCursor"/> until it is <c>null</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.EndpointPage")]
public sealed record EndpointPage(
    [property: Id(0)] EndpointDetails[] Items,
    [property: Id(1)] string? NextCursor);
