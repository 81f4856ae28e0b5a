namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>One page of dead-letter entries, most recently failed first.</summary>
[GenerateSerializer, Immutable, Alias("akademia.DeadLetterPage")]
public sealed record DeadLetterPage(
    [property: Id(0)] DeadLetterEntry[] Items,
    [property: Id(1)] string? NextCursor);
