namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One of a fixed number of shards of the gateway's request counters, shared by every gateway. Each
/// holds a bounded table of fixed-window counters (least recently used dropped first) and a fixed
/// sketch that keeps what a dropped counter had used, so the number of live counters is bounded
/// however many clients there are, and dropping a counter never gives its client a fresh budget.
/// The key is the shard number, from 0 to the configured shard count minus one.
/// </summary>
[Alias("akademia.IRateLimitShardGrain")]
public interface IRateLimitShardGrain : IGrainWithIntegerKey
{
    /// <summary>Counts one request against the counter <see cref="RateLimitAcquire.Bucket"/>.</summary>
    [Alias("TryAcquireAsync")]
    Task<RateLimitDecision> TryAcquireAsync(RateLimitAcquire request);

    /// <summary>How full the shard is.</summary>
    [Alias("GetStatsAsync"), ReadOnly]
    Task<RateLimitShardStats> GetStatsAsync();
}
