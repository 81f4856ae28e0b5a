namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>One change to a dead-letter index: a summary added or replaced (found by its id), or an entry taken off at the time it was listed under.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.DeadLetterChange")]
public sealed record DeadLetterChange
{
    [Id(0)] public IDeadLetterSummary? Upsert { get; init; }

    [Id(1)] public string? RemoveId { get; init; }

    /// <summary>Where the removed entry was listed: its failure time then, which picks the bucket and the pages to look in.</summary>
    [Id(2)] public DateTimeOffset RemoveFailedAt { get; init; }

    public string Id => Upsert?.Id ?? RemoveId!;

    public DateTimeOffset FailedAt => Upsert?.FailedAt ?? RemoveFailedAt;

    public static DeadLetterChange Put(IDeadLetterSummary summary) => new() { Upsert = summary };

    public static DeadLetterChange Remove(string id, DateTimeOffset listedAt) => new() { RemoveId = id, RemoveFailedAt = listedAt };
}
