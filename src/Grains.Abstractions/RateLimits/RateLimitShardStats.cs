namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>How full one rate-limit shard is.</summary>
[GenerateSerializer, Immutable, Alias("akademia.RateLimitShardStats")]
public sealed record RateLimitShardStats
{
    /// <summary>Counters held now; never more than <see cref="Capacity"/>.</summary>
    [Id(0)] public int Counters { get; init; }

    /// <summary>The bound in force (the last one a gateway sent).</summary>
    [Id(1)] public int Capacity { get; init; }

    /// <summary>Counters dropped to stay within the bound since the shard was activated.</summary>
    [Id(2)] public long Evictions { get; init; }

    /// <summary>Slots of the sketch that remembers dropped counters (fixed).</summary>
    [Id(3)] public int SketchSlots { get; init; }
}
