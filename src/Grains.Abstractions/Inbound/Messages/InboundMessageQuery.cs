namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>Filters and paging for listing inbound messages.</summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundMessageQuery")]
public sealed record InboundMessageQuery
{
    /// <summary>Only messages of this source.</summary>
    [Id(0)] public string? SourceId { get; init; }

    /// <summary>Only messages in this status.</summary>
    [Id(1)] public InboundMessageStatus? Status { get; init; }

    /// <summary>Only messages received at or after this time.</summary>
    [Id(2)] public DateTimeOffset? From { get; init; }

    /// <summary>Only messages received at or before this time.</summary>
    [Id(3)] public DateTimeOffset? To { get; init; }

    /// <summary>Page size: 1–100.</summary>
    [Id(4)] public int Limit { get; init; } = 20;

    /// <summary>Where the previous page ended.</summary>
    [Id(5)] public string? Cursor { get; init; }
}
