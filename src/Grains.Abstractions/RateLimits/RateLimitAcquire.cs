namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>One request to count, as a gateway sends it to a <see cref="IRateLimitShardGrain"/>.</summary>
[GenerateSerializer, Immutable, Alias("akademia.RateLimitAcquire")]
public sealed record RateLimitAcquire
{
    /// <summary>The counter: tier, client and route template, such as <c>standard|ip:203.0.113.7|/api/webhooks/{id}</c>.</summary>
    [Id(0)] public required string Bucket { get; init; }

    /// <summary>The tier, for metrics.</summary>
    [Id(1)] public required string Tier { get; init; }

    /// <summary>Requests allowed per window.</summary>
    [Id(2)] public int Limit { get; init; }

    /// <summary>The window's length; it starts with the first request.</summary>
    [Id(3)] public TimeSpan Window { get; init; }

    /// <summary>
    /// The most counters the shard keeps; the gateway's configuration owns it, so that the bound is
    /// set in one place for every shard.
    /// </summary>
    [Id(4)] public int Capacity { get; init; }
}
