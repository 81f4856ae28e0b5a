namespace Akademia.Webhooks.Grains.Inbound;

[GenerateSerializer, Immutable, Alias("akademia.InboundDeadLetterState")]
public sealed record InboundDeadLetterState
{
    [Id(0)] public InboundDeadLetter? Entry { get; init; }

    /// <summary>Attempts of the rounds before the current one (those already replayed).</summary>
    [Id(1)] public InboundAttempt[] EarlierAttempts { get; init; } = [];

    /// <summary>The index has not confirmed the entry as it is: the repair reminder applies it again.</summary>
    [Id(2)] public bool IndexPending { get; init; }

    /// <summary>While <see cref="IndexPending"/>: earlier failure times the index may still list the entry under (it failed again since).</summary>
    [Id(3)] public DateTimeOffset[] ListedBefore { get; init; } = [];
}
