namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>The outbound queue's filters, applied to summaries within the scope a query picked.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.DeadLetterFilter")]
public sealed record DeadLetterFilter : IDeadLetterFilter
{
    [Id(0)] public string? ApplicationId { get; init; }

    [Id(1)] public string? EndpointId { get; init; }

    [Id(2)] public string? EventType { get; init; }

    [Id(3)] public bool IncludeDeleted { get; init; }

    /// <summary>False: leave out entries already replayed (what a batch replay asks unless told otherwise).</summary>
    [Id(4)] public bool IncludeReplayed { get; init; } = true;

    public static DeadLetterFilter Of(DeadLetterQuery query) => new()
    {
        ApplicationId = query.ApplicationId,
        EndpointId = query.EndpointId,
        EventType = query.EventType,
        IncludeDeleted = query.IncludeDeleted,
    };

    public bool Matches(IDeadLetterSummary summary) =>
        summary is DeadLetterSummary s
        && (IncludeDeleted || !s.Deleted)
        && (IncludeReplayed || !s.Replayed)
        && (ApplicationId is null || s.ApplicationId == ApplicationId)
        && (EndpointId is null || s.EndpointId == EndpointId)
        && (EventType is null || s.EventType == EventType);
}
