namespace Akademia.Webhooks.Grains.DeadLetters;

[GenerateSerializer, Immutable, Alias("akademia.DeadLetterState")]
public sealed record DeadLetterState
{
    [Id(0)] public DeadLetterEntry? Entry { get; init; }

    /// <summary>The index has not confirmed the entry as it is: the repair reminder applies it again.</summary>
    [Id(1)] public bool IndexPending { get; init; }
}
