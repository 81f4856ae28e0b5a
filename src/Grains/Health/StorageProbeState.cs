namespace Akademia.Webhooks.Grains.Health;

[GenerateSerializer, Immutable, Alias("akademia.StorageProbeState")]
public sealed record StorageProbeState
{
    [Id(0)] public DateTimeOffset CheckedAt { get; init; }
}
