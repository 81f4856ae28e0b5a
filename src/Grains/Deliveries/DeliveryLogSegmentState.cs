namespace Akademia.Webhooks.Grains.Deliveries;

[GenerateSerializer, Immutable, Alias("akademia.DeliveryLogSegmentState")]
public sealed record DeliveryLogSegmentState
{
    [Id(0)] public DeliveryLogEntry[] Entries { get; init; } = [];
}
