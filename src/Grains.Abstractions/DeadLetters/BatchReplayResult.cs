namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>The outcome of a batch replay.</summary>
[GenerateSerializer, Immutable, Alias("akademia.BatchReplayResult")]
public sealed record BatchReplayResult(
    [property: Id(0)] int Total,
    [property: Id(1)] int Replayed,
    [property: Id(2)] int Failed,
    [property: Id(3)] ReplayResult[] Results);
