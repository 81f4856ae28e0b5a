namespace Akademia.Webhooks.Grains.DeadLetters;

[GenerateSerializer, Immutable, Alias("akademia.DeadLetterState")]
public sealed record DeadLetterState
{
    [Id(0)] public DeadLetterEntry? Entry { get; init; }
}
