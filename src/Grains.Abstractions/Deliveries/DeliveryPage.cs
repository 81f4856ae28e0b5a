namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One page of an endpoint's deliveries, newest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.DeliveryPage")]
public sealed record DeliveryPage(
    [property: Id(0)] Delivery[] Items,
    [property: Id(1)] string? NextCursor);
