namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// A delivery that failed for good, archived for inspection and replay (the specification's
/// <c>DeadLetterQueueWebhook</c>, with the attempt history).
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.DeadLetterEntry")]
public sealed record DeadLetterEntry
{
    /// <summary>Entry id: the id of the delivery that failed.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The event that was not delivered.</summary>
    [Id(1)] public required string EventId { get; init; }

    /// <summary>The endpoint it was not delivered to.</summary>
    [Id(2), Newtonsoft.Json.JsonProperty("WebhookConfigId")] public required string EndpointId { get; init; }

    /// <summary>The event's type.</summary>
    [Id(3)] public required string EventType { get; init; }

    /// <summary>The URL of the last attempt.</summary>
    [Id(4)] public required string Url { get; init; }

    /// <summary>The exact JSON body that was sent.</summary>
    [Id(5)] public required string Payload { get; init; }

    /// <summary>The last HTTP status received, if any.</summary>
    [Id(6)] public int? Status { get; init; }

    /// <summary>Attempts made.</summary>
    [Id(7)] public int Attempts { get; init; }

    /// <summary>Why the last attempt failed.</summary>
    [Id(8)] public string? ErrorMessage { get; init; }

    /// <summary>When the delivery was given up.</summary>
    [Id(9)] public DateTimeOffset FailedAt { get; init; }

    /// <summary>When the entry was created.</summary>
    [Id(10)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the entry last changed.</summary>
    [Id(11)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Soft-deletion time.</summary>
    [Id(12)] public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>When the entry was last replayed.</summary>
    [Id(13)] public DateTimeOffset? ReplayedAt { get; init; }

    /// <summary>The delivery the last replay created.</summary>
    [Id(14)] public string? ReplayDeliveryId { get; init; }

    /// <summary>Every attempt of the failed delivery.</summary>
    [Id(15)] public DeliveryAttempt[] AttemptHistory { get; init; } = [];

    /// <summary>The error code of the last attempt, such as <c>TIMEOUT</c>.</summary>
    [Id(16)] public string? ErrorCode { get; init; }

    /// <summary>Replays made so far.</summary>
    [Id(17)] public int ReplayCount { get; init; }

    /// <summary>The application of the endpoint; state stored before applications existed belongs to <see cref="ApplicationIds.Default"/>.</summary>
    [Id(18)] public string ApplicationId { get; init; } = ApplicationIds.Default;

    /// <summary>When the stored payload copy was erased (then <see cref="Payload"/> is empty); every other field is kept.</summary>
    [Id(19)] public DateTimeOffset? PayloadErasedAt { get; init; }
}
