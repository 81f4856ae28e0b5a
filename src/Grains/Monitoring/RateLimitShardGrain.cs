namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>
/// One shard of the gateway's request counters (see <see cref="IRateLimitShardGrain"/>). The shard
/// count is fixed by configuration, so the number of activations is too; each holds at most the
/// configured number of counters. Memory only: a shard that moves starts its windows afresh.
/// </summary>
[GrainType("rate-limit-shard")]
public sealed class RateLimitShardGrain(PlatformInstruments instruments, TimeProvider timeProvider) : Grain, IRateLimitShardGrain
{
    private readonly RateLimitCounterTable _counters = new();
    private DateTimeOffset _latestWindowEnd;

    public Task<RateLimitDecision> TryAcquireAsync(RateLimitAcquire request)
    {
        var now = timeProvider.GetUtcNow();
        var decision = _counters.Acquire(request.Bucket, request.Limit, request.Window, request.Capacity, now);
        if (decision.ResetAt > _latestWindowEnd)
        {
            _latestWindowEnd = decision.ResetAt;
            // Stay active while a window is live: counters are only in memory.
            DelayDeactivation(decision.ResetAt - now);
        }

        instruments.RateLimitShardDecided(request.Tier, blocked: !decision.Allowed,
            this.GetPrimaryKeyLong().ToString(System.Globalization.CultureInfo.InvariantCulture), _counters.Count, _latestWindowEnd);
        return Task.FromResult(decision);
    }

    public Task<RateLimitShardStats> GetStatsAsync() => Task.FromResult(new RateLimitShardStats
    {
        Counters = _counters.Count,
        Capacity = _counters.Capacity,
        Evictions = _counters.Evictions,
        SketchSlots = RateLimitCounterTable.SketchSlots,
    });
}
