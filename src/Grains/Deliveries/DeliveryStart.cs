namespace Akademia.Webhooks.Grains.Deliveries;

[GenerateSerializer, Immutable, Alias("akademia.internal.DeliveryStart")]
public sealed record DeliveryStart
{
    [Id(0)] public required string EventId { get; init; }

    [Id(1)] public required string EndpointId { get; init; }

    [Id(2)] public required string EventType { get; init; }

    [Id(3)] public required string Body { get; init; }

    /// <summary>Whether the event grain should be told once the delivery is settled.</summary>
    [Id(4)] public bool NotifyEvent { get; init; } = true;

    /// <summary>
    /// Sent again by the event's re-drive, not by its first fan-out: an earlier activation may have
    /// listed the delivery already, so the delivery log is asked to list it only once.
    /// </summary>
    [Id(5)] public bool Redrive { get; init; }

    /// <summary>When the event was stored: no listing of this delivery can be older.</summary>
    [Id(6)] public DateTimeOffset EventCreatedAt { get; init; }

    /// <summary>The event's application, which is the endpoint's; a start sent before applications existed names none.</summary>
    [Id(7)] public string? ApplicationId { get; init; }
}
