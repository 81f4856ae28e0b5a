namespace Akademia.Webhooks.Grains.Inbound;

[GenerateSerializer, Immutable, Alias("akademia.internal.InboundDeadLetterSummary")]
public sealed record InboundDeadLetterSummary : DeadLetters.IDeadLetterSummary
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string SourceId { get; init; }

    [Id(2)] public required string Provider { get; init; }

    [Id(3)] public required string ErrorCode { get; init; }

    [Id(4)] public DateTimeOffset FailedAt { get; init; }

    [Id(5)] public bool Replayed { get; init; }

    bool DeadLetters.IDeadLetterSummary.Hidden => Replayed;

    public static InboundDeadLetterSummary Of(InboundDeadLetter entry) => new()
    {
        Id = entry.Id,
        SourceId = entry.SourceId,
        Provider = entry.Provider,
        ErrorCode = entry.ErrorCode,
        FailedAt = entry.FailedAt,
        Replayed = entry.ReplayedAt is not null,
    };
}
