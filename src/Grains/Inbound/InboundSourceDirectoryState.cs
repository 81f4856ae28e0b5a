namespace Akademia.Webhooks.Grains.Inbound;

[GenerateSerializer, Immutable, Alias("akademia.InboundSourceDirectoryState")]
public sealed record InboundSourceDirectoryState
{
    [Id(0)] public Dictionary<string, InboundSource> Sources { get; init; } = new(StringComparer.Ordinal);
}
