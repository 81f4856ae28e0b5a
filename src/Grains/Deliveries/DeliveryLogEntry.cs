namespace Akademia.Webhooks.Grains.Deliveries;

[GenerateSerializer, Immutable, Alias("akademia.internal.DeliveryLogEntry")]
public sealed record DeliveryLogEntry(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] DateTimeOffset CreatedAt);
