namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The health of one page of an application's endpoints (the page of <see cref="EndpointPage"/> with the
/// same cursor), worst first within the page; follow <see cref="NextCursor"/> until it is <c>null</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.EndpointHealthPage")]
public sealed record EndpointHealthPage(
    [property: Id(0)] EndpointHealth[] Items,
    [property: Id(1)] string? NextCursor);
