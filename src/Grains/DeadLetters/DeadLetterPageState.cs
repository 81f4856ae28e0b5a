namespace Akademia.Webhooks.Grains.DeadLetters;

[GenerateSerializer, Immutable, Alias("akademia.internal.DeadLetterPageState")]
public sealed record DeadLetterPageState
{
    /// <summary>Newest failure first, ties by id (<see cref="DeadLetterPages.Order"/>).</summary>
    [Id(0)] public IDeadLetterSummary[] Summaries { get; init; } = [];
}
