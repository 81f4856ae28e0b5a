namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>What applying changes to a page did: its new figures for the head, and which changes found (or placed) their entry.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.DeadLetterPageApplied")]
public sealed record DeadLetterPageApplied
{
    [Id(0)] public required DeadLetterPageInfo Info { get; init; }

    /// <summary>Ids whose upsert this page took: present here (replaced or already equal), or inserted.</summary>
    [Id(1)] public string[] Applied { get; init; } = [];

    [Id(2)] public int Added { get; init; }

    [Id(3)] public int Removed { get; init; }

    /// <summary>Change in the number of hidden summaries on the page.</summary>
    [Id(4)] public int HiddenDelta { get; init; }
}
