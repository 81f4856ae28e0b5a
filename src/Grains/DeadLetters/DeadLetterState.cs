namespace Akademia.Webhooks.Grains.DeadLetters;

[GenerateSerializer, Alias("akademia.DeadLetterState")]
public sealed record DeadLetterState
{
    [Id(0)] public DeadLetterEntry? Entry { get; init; }
}
