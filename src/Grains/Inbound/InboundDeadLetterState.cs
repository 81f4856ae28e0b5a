namespace Akademia.Webhooks.Grains.Inbound;

[GenerateSerializer, Immutable, Alias("akademia.InboundDeadLetterState")]
public sealed record InboundDeadLetterState
{
    [Id(0)] public InboundDeadLetter? Entry { get; init; }

    /// <summary>Attempts of the rounds before the current one (those already replayed).</summary>
    [Id(1)] public InboundAttempt[] EarlierAttempts { get; init; } = [];
}
