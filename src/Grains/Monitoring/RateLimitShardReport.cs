namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>A rate-limit shard's counter count, valid until its latest window ends.</summary>
[GenerateSerializer, Immutable, Alias("akademia.RateLimitShardReport")]
public sealed record RateLimitShardReport(
    [property: Id(0)] int Counters,
    [property: Id(1)] DateTimeOffset Until);
