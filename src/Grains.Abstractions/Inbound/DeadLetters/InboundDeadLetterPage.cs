namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>One page of inbound dead-letter entries, most recently failed first.</summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundDeadLetterPage")]
public sealed record InboundDeadLetterPage(
    [property: Id(0)] InboundDeadLetter[] Items,
    [property: Id(1)] string? NextCursor);
