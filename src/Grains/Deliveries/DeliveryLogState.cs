namespace Akademia.Webhooks.Grains.Deliveries;

[GenerateSerializer, Immutable, Alias("akademia.DeliveryLogState")]
public sealed record DeliveryLogState
{
    /// <summary>Number of the open segment; segments below it are sealed in their own grains.</summary>
    [Id(0)] public int Segment { get; init; }

    /// <summary>Entries of the open segment, oldest first.</summary>
    [Id(1)] public List<DeliveryLogEntry> Entries { get; init; } = [];

    /// <summary>The oldest segment kept: those below it were dropped by retention.</summary>
    [Id(2)] public int FirstSegment { get; init; }
}
