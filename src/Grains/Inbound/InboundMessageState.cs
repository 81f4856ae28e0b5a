namespace Akademia.Webhooks.Grains.Inbound;

[GenerateSerializer, Alias("akademia.InboundMessageState")]
public sealed record InboundMessageState
{
    [Id(0)] public required string SourceId { get; init; }

    [Id(1)] public required string Provider { get; init; }

    [Id(2)] public required string DedupeKey { get; init; }

    /// <summary>The body exactly as received.</summary>
    [Id(3)] public required byte[] Body { get; init; }

    [Id(4)] public Dictionary<string, string> Headers { get; init; } = [];

    [Id(5)] public DateTimeOffset ReceivedAt { get; init; }

    [Id(6)] public InboundMessageStatus Status { get; init; }

    [Id(7)] public InboundAttempt[] Attempts { get; init; } = [];

    [Id(8)] public DateTimeOffset? NextAttemptAt { get; init; }

    [Id(9)] public int MaxAttempts { get; init; }

    [Id(10)] public required string EventTypePrefix { get; init; }

    [Id(11)] public string? EventId { get; init; }

    [Id(12)] public string? EventType { get; init; }

    [Id(13)] public DateTimeOffset? ProcessedAt { get; init; }

    [Id(14)] public DateTimeOffset UpdatedAt { get; init; }

    [Id(15)] public int ReplayCount { get; init; }

    public bool IsTerminal => Status is InboundMessageStatus.Processed or InboundMessageStatus.Failed;
}
