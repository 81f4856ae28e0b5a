namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// An inbound message: one accepted webhook, its raw body and its processing.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundMessage")]
public sealed record InboundMessage
{
    /// <summary>Message id, <c>{sourceId}:{dedupe key}</c>: the <c>webhookId</c> the sender was given.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The source it was sent to.</summary>
    [Id(1)] public required string SourceId { get; init; }

    /// <summary>The source's provider when it was accepted.</summary>
    [Id(2)] public required string Provider { get; init; }

    /// <summary>The provider's id (Stripe event id, GitHub delivery id, <c>webhook-id</c>) or <c>sha256_</c> + hex of source and body.</summary>
    [Id(3)] public required string DedupeKey { get; init; }

    /// <summary>Where the message stands.</summary>
    [Id(4)] public InboundMessageStatus Status { get; init; }

    /// <summary>The raw body as text (UTF-8), exactly as received; <c>null</c> in listings.</summary>
    [Id(5)] public string? Body { get; init; }

    /// <summary>The request headers stored with it (credentials excluded); empty in listings.</summary>
    [Id(6)] public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>When it was accepted.</summary>
    [Id(7)] public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When it last changed.</summary>
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Processing attempts since it was accepted or last replayed, oldest first.</summary>
    [Id(9)] public InboundAttempt[] Attempts { get; init; } = [];

    /// <summary>Attempts allowed before it is dead-lettered.</summary>
    [Id(10)] public int MaxAttempts { get; init; }

    /// <summary>When the next attempt is due, while received or retrying.</summary>
    [Id(11)] public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The platform event published for it, once processed.</summary>
    [Id(12)] public string? EventId { get; init; }

    /// <summary>The platform event type it was published as, once processed.</summary>
    [Id(13)] public string? EventType { get; init; }

    /// <summary>When it was processed.</summary>
    [Id(14)] public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>Times it was replayed from the dead-letter queue.</summary>
    [Id(15)] public int ReplayCount { get; init; }

    /// <summary>The application the message's event is published to (its source's).</summary>
    [Id(16)] public string ApplicationId { get; init; } = ApplicationIds.Default;
}
