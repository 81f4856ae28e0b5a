namespace Akademia.Webhooks.Grains.DeadLetters;

[GenerateSerializer, Immutable, Alias("akademia.DeadLetterIndexState")]
public sealed record DeadLetterIndexState
{
    [Id(0)] public Dictionary<string, DeadLetterSummary> Entries { get; init; } = new(StringComparer.Ordinal);
}
