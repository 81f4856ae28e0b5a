namespace Akademia.Webhooks.Grains.Events;

[GenerateSerializer, Immutable, Alias("akademia.EventTypeRegistryState")]
public sealed record EventTypeRegistryState
{
    [Id(0)] public Dictionary<string, EventType> Custom { get; init; } = new(StringComparer.Ordinal);
}
