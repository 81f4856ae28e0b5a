namespace Akademia.Webhooks.Grains.Inbound;

[GenerateSerializer, Immutable, Alias("akademia.InboundDeadLetterIndexState")]
public sealed record InboundDeadLetterIndexState
{
    [Id(0)] public Dictionary<string, InboundDeadLetterSummary> Entries { get; init; } = new(StringComparer.Ordinal);
}
