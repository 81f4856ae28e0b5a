namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>One listing step's answer: the summaries, and the position the next step starts after (none when the scope has no more).</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.DeadLetterScan")]
public sealed record DeadLetterScan(
    [property: Id(0)] IDeadLetterSummary[] Items,
    [property: Id(1)] long? NextTicks,
    [property: Id(2)] string? NextId);
