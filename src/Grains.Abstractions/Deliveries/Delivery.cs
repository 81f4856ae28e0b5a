using System.Text.Json.Serialization;

namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The delivery of one event to one endpoint, with its attempts.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.Delivery")]
public sealed record Delivery
{
    /// <summary>Delivery id; the first delivery of an event to an endpoint is <c>{eventId}:{endpointId}</c>.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The event delivered.</summary>
    [Id(1)] public required string EventId { get; init; }

    /// <summary>The endpoint delivered to.</summary>
    [Id(2)] public required string EndpointId { get; init; }

    /// <summary>The event's type.</summary>
    [Id(3)] public required string EventType { get; init; }

    /// <summary>The value of the <c>webhook-id</c> header, stable across retries and replays.</summary>
    [Id(4), JsonPropertyName("webhookId"), Newtonsoft.Json.JsonProperty("WebhookId")] public required string MessageId { get; init; }

    /// <summary>Where the delivery stands.</summary>
    [Id(5)] public DeliveryStatus Status { get; init; }

    /// <summary>Attempts so far, oldest first.</summary>
    [Id(6)] public DeliveryAttempt[] Attempts { get; init; } = [];

    /// <summary>When the delivery was created.</summary>
    [Id(7)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the delivery last changed.</summary>
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the next attempt is due, while pending.</summary>
    [Id(9)] public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The application of the event and the endpoint; state stored before applications existed belongs to <see cref="ApplicationIds.Default"/>.</summary>
    [Id(10)] public string ApplicationId { get; init; } = ApplicationIds.Default;
}
