namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>A scope's counters, from its head alone.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.DeadLetterCounts")]
public sealed record DeadLetterCounts(
    [property: Id(0)] long Archived,
    [property: Id(1)] long Listed,
    [property: Id(2)] long Hidden)
{
    /// <summary>Listed and not hidden: the queue as a default listing shows it.</summary>
    public long Visible => Listed - Hidden;
}
