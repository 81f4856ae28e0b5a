namespace Akademia.Webhooks.Grains.Deliveries;

[GenerateSerializer, Immutable, Alias("akademia.internal.DeliverySchedule")]
public sealed record DeliverySchedule
{
    [Id(0)] public required string EventId { get; init; }

    [Id(1)] public required string EndpointId { get; init; }

    [Id(2)] public required string EventType { get; init; }

    [Id(3)] public required string MessageId { get; init; }

    /// <summary>The application of the dead letter replayed.</summary>
    [Id(4)] public string? ApplicationId { get; init; }
}
