using Akademia.Webhooks.Grains.Events;

namespace Akademia.Webhooks.Grains.Deliveries;

[GenerateSerializer, Immutable, Alias("akademia.DeliveryState")]
public sealed record DeliveryState
{
    [Id(0)] public required string EventId { get; init; }

    [Id(1)] public required string EndpointId { get; init; }

    [Id(2)] public required string EventType { get; init; }

    [Id(3), Newtonsoft.Json.JsonProperty("WebhookId")] public required string MessageId { get; init; }

    [Id(4)] public DeliveryStatus Status { get; init; }

    [Id(5)] public DeliveryAttempt[] Attempts { get; init; } = [];

    [Id(6)] public DateTimeOffset CreatedAt { get; init; }

    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }

    [Id(8)] public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The W3C trace context of the publish (or replay) that created the delivery; its retries link to it.</summary>
    [Id(9)] public string? TraceParent { get; init; }

    /// <summary>The event's and the endpoint's application; state stored before applications existed belongs to default.</summary>
    [Id(10)] public string ApplicationId { get; init; } = ApplicationIds.Default;

    /// <summary>The key of the event's grain, which holds the body retries send.</summary>
    public string EventKey => EventKeys.For(ApplicationId, EventId);

    public bool IsTerminal => Status is not DeliveryStatus.Pending;

    public Delivery ToDelivery(string id) => new()
    {
        Id = id,
        EventId = EventId,
        EndpointId = EndpointId,
        EventType = EventType,
        MessageId = MessageId,
        Status = Status,
        Attempts = Attempts,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        NextAttemptAt = NextAttemptAt,
        ApplicationId = ApplicationIds.Of(ApplicationId),
    };
}
