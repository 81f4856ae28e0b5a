namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>The outcome of a batch replay.</summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundBatchReplayResult")]
public sealed record InboundBatchReplayResult(
    [property: Id(0)] int Total,
    [property: Id(1)] int Successful,
    [property: Id(2)] int Failed,
    [property: Id(3)] InboundReplayResult[] Results);
