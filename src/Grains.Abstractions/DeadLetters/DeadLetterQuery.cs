namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Filters and paging for listing and batch-replaying the dead-letter queue.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.DeadLetterQuery")]
public sealed record DeadLetterQuery
{
    /// <summary>Only entries of this endpoint.</summary>
    [Id(0)] public string? EndpointId { get; init; }

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

    /// <summary>Only entries of this application; every application when <c>null</c>.</summary>
    [Id(7)] public string? ApplicationId { get; init; }

    /// <summary>Batch replay only: also replay entries already replayed (by default a batch skips them). Listings always include them.</summary>
    [Id(8)] public bool IncludeReplayed { get; init; }
}
