using Akademia.Webhooks.Grains.DeadLetters;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>The inbound queue's filters, applied to summaries within the scope a query picked.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.InboundDeadLetterFilter")]
public sealed record InboundDeadLetterFilter : IDeadLetterFilter
{
    [Id(0)] public string? Provider { get; init; }

    [Id(1)] public string? SourceId { get; init; }

    [Id(2)] public string? ErrorCode { get; init; }

    [Id(3)] public bool IncludeReplayed { get; init; }

    public static InboundDeadLetterFilter Of(InboundDeadLetterQuery query) => new()
    {
        Provider = query.Provider,
        SourceId = query.SourceId,
        ErrorCode = query.ErrorType,
        IncludeReplayed = query.IncludeReplayed,
    };

    public bool Matches(IDeadLetterSummary summary) =>
        summary is InboundDeadLetterSummary s
        && (IncludeReplayed || !s.Replayed)
        && (Provider is null || s.Provider == Provider)
        && (SourceId is null || s.SourceId == SourceId)
        && (ErrorCode is null || s.ErrorCode == ErrorCode);
}
