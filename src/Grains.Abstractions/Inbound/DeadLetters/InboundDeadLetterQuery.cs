namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>Filters and paging for listing and batch-replaying the inbound dead-letter queue.</summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundDeadLetterQuery")]
public sealed record InboundDeadLetterQuery
{
    /// <summary>Only entries of this provider.</summary>
    [Id(0)] public string? Provider { get; init; }

    /// <summary>Only entries of this source.</summary>
    [Id(1)] public string? SourceId { get; init; }

    /// <summary>Only entries with this error code (<see cref="InboundErrorCodes"/>).</summary>
    [Id(2)] public string? ErrorType { get; init; }

    /// <summary>Only entries that failed at or after this time.</summary>
    [Id(3)] public DateTimeOffset? From { get; init; }

    /// <summary>Only entries that failed at or before this time.</summary>
    [Id(4)] public DateTimeOffset? To { get; init; }

    /// <summary>Also list entries already replayed (never replayed again by a batch).</summary>
    [Id(5)] public bool IncludeReplayed { get; init; }

    /// <summary>Page size, or batch size for a replay: 1–100.</summary>
    [Id(6)] public int Limit { get; init; } = 20;

    /// <summary>Where the previous page ended.</summary>
    [Id(7)] public string? Cursor { get; init; }
}
