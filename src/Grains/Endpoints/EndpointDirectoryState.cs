namespace Akademia.Webhooks.Grains.Endpoints;

[GenerateSerializer, Immutable, Alias("akademia.EndpointDirectoryState")]
public sealed record EndpointDirectoryState
{
    [Id(0)] public Dictionary<string, EndpointDetails> Endpoints { get; init; } = new(StringComparer.Ordinal);
}
