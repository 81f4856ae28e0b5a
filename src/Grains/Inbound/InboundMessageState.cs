using System.Text;

namespace Akademia.Webhooks.Grains.Inbound;

[GenerateSerializer, Immutable, Alias("akademia.InboundMessageState")]
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

    /// <summary>The source's application when the message was accepted; messages stored before applications existed belong to the default one.</summary>
    [Id(16)] public string ApplicationId { get; init; } = ApplicationIds.Default;

    public bool IsTerminal => Status is InboundMessageStatus.Processed or InboundMessageStatus.Failed;

    /// <summary>A message just accepted, first to be processed at <paramref name="firstAttemptAt"/>.</summary>
    public static InboundMessageState Accepted(InboundAcceptance acceptance, DateTimeOffset now, DateTimeOffset firstAttemptAt) => new()
    {
        SourceId = acceptance.SourceId,
        Provider = acceptance.Provider,
        DedupeKey = acceptance.DedupeKey,
        Body = acceptance.Body,
        Headers = acceptance.Headers,
        ReceivedAt = now,
        UpdatedAt = now,
        Status = InboundMessageStatus.Received,
        NextAttemptAt = firstAttemptAt,
        MaxAttempts = acceptance.MaxAttempts,
        EventTypePrefix = acceptance.EventTypePrefix,
        ApplicationId = acceptance.ApplicationId,
    };

    /// <summary>The message as the API shows it; <paramref name="processing"/> while an attempt runs.</summary>
    public InboundMessage ToMessage(string id, bool processing, bool withBody) => new()
    {
        Id = id,
        SourceId = SourceId,
        ApplicationId = ApplicationId,
        Provider = Provider,
        DedupeKey = DedupeKey,
        Status = processing ? InboundMessageStatus.Processing : Status,
        Body = withBody ? Encoding.UTF8.GetString(Body) : null,
        Headers = withBody ? new Dictionary<string, string>(Headers, StringComparer.Ordinal) : [],
        ReceivedAt = ReceivedAt,
        UpdatedAt = UpdatedAt,
        Attempts = Attempts,
        MaxAttempts = MaxAttempts,
        NextAttemptAt = NextAttemptAt,
        EventId = EventId,
        EventType = EventType,
        ProcessedAt = ProcessedAt,
        ReplayCount = ReplayCount,
    };
}
