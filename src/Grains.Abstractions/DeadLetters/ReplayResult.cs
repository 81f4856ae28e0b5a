namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>The outcome of replaying one entry.</summary>
[GenerateSerializer, Immutable, Alias("akademia.ReplayResult")]
public sealed record ReplayResult(
    [property: Id(0)] string Id,
    [property: Id(1)] bool Success,
    [property: Id(2)] string? DeliveryId,
    [property: Id(3)] string? Error = null,
    [property: Id(4)] string? Code = null);
