namespace Akademia.Webhooks;

/// <summary>
/// A delivery that failed for good, archived for inspection and replay (the specification's
/// <c>DeadLetterQueueWebhook</c>, with the attempt history).
/// </summary>
[GenerateSerializer, Alias("akademia.DeadLetterEntry")]
public sealed record DeadLetterEntry
{
    /// <summary>Entry id: the id of the delivery that failed.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The event that was not delivered.</summary>
    [Id(1)] public required string EventId { get; init; }

    /// <summary>The endpoint it was not delivered to.</summary>
    [Id(2)] public required string WebhookConfigId { get; init; }

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
}

/// <summary>
/// Filters and paging for listing and batch-replaying the dead-letter queue.
/// </summary>
[GenerateSerializer, Alias("akademia.DeadLetterQuery")]
public sealed record DeadLetterQuery
{
    /// <summary>Only entries of this endpoint.</summary>
    [Id(0)] public string? WebhookConfigId { get; init; }

    /// <summary>Only entries of this event type.</summary>
    [Id(1)] public string? EventType { get; init; }

    /// <summary>Only entries that failed at or after this time.</summary>
    [Id(2)] public DateTimeOffset? From { get; init; }

    /// <summary>Only entries that failed at or before this time.</summary>
    [Id(3)] public DateTimeOffset? To { get; init; }

    /// <summary>Include soft-deleted entries.</summary>
    [Id(4)] public bool IncludeDeleted { get; init; }

    /// <summary>Page size, or batch size for a replay: 1–100.</summary>
    [Id(5)] public int Limit { get; init; } = 20;

    /// <summary>Where the previous page ended.</summary>
    [Id(6)] public string? Cursor { get; init; }
}

/// <summary>One page of dead-letter entries, most recently failed first.</summary>
[GenerateSerializer, Alias("akademia.DeadLetterPage")]
public sealed record DeadLetterPage(
    [property: Id(0)] DeadLetterEntry[] Items,
    [property: Id(1)] string? NextCursor);

/// <summary>The outcome of replaying one entry.</summary>
[GenerateSerializer, Alias("akademia.ReplayResult")]
public sealed record ReplayResult(
    [property: Id(0)] string Id,
    [property: Id(1)] bool Success,
    [property: Id(2)] string? DeliveryId,
    [property: Id(3)] string? Error = null,
    [property: Id(4)] string? Code = null);

/// <summary>The outcome of a batch replay.</summary>
[GenerateSerializer, Alias("akademia.BatchReplayResult")]
public sealed record BatchReplayResult(
    [property: Id(0)] int Total,
    [property: Id(1)] int Replayed,
    [property: Id(2)] int Failed,
    [property: Id(3)] ReplayResult[] Results);

/// <summary>
/// The dead-letter queue as a whole. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IDeadLetterQueueGrain")]
public interface IDeadLetterQueueGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>Entries matching the query, most recently failed first.</summary>
    [Alias("ListAsync")]
    Task<DeadLetterPage> ListAsync(DeadLetterQuery query);

    /// <summary>Replays up to <see cref="DeadLetterQuery.Limit"/> entries matching the query.</summary>
    [Alias("ReplayAsync")]
    Task<BatchReplayResult> ReplayAsync(DeadLetterQuery query);
}

/// <summary>
/// One dead-letter entry; the key is its id.
/// </summary>
[Alias("akademia.IDeadLetterGrain")]
public interface IDeadLetterGrain : IGrainWithStringKey
{
    /// <summary>The entry, including soft-deleted ones; <c>null</c> when there is none.</summary>
    [Alias("GetAsync")]
    Task<DeadLetterEntry?> GetAsync();

    /// <summary>Soft-deletes the entry. Throws <c>NOT_FOUND</c> when absent or already deleted.</summary>
    [Alias("DeleteAsync")]
    Task<DeadLetterEntry> DeleteAsync();

    /// <summary>
    /// Delivers the entry's event again as a new delivery with the same <c>webhook-id</c>. Throws
    /// <c>NOT_FOUND</c> when absent and <c>CONFLICT</c> when the endpoint was deleted.
    /// </summary>
    [Alias("ReplayAsync")]
    Task<ReplayResult> ReplayAsync();
}
