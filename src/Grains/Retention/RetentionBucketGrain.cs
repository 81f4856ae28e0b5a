using Akademia.Webhooks.Grains.Persistence;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.Retention;

/// <summary>
/// What falls due in one partition's hour. Grains file themselves when they store what is retained;
/// filings that arrive together share one storage write (<see cref="GroupCommit"/>). A sweep asks
/// each filed grain to purge itself and forgets it, or files it again later when it cannot be purged yet.
/// </summary>
[Reentrant, GrainType("retention-bucket")]
public sealed partial class RetentionBucketGrain(
    [PersistentState("retention-bucket", StorageNames.Webhooks)] IPersistentState<RetentionBucketState> state,
    ILogger<RetentionBucketGrain> logger)
    : Grain, IRetentionBucketInternalGrain
{
    // Filed grains asked at a time.
    private const int ConcurrentPurges = 64;

    private HashSet<RetentionFiling>? _stored;

    // Changes waiting for the next write; see RetryBucketGrain for why one loop makes every write.
    private List<RetentionFiling> _buffer = [];
    private List<RetentionFiling> _forgotten = [];
    private GroupCommit? _commit;

    // Whether the sweeper has been told about this bucket since it last was empty.
    private bool _announced;

    private (int Partition, long Hour) Key => RetentionSchedule.ParseBucketKey(this.GetPrimaryKeyString());

    private HashSet<RetentionFiling> Stored => _stored ??= [.. state.State.Filings];

    public async Task AddAsync(RetentionFiling filing)
    {
        if (Stored.Contains(filing))
        {
            return;
        }

        if (!_announced)
        {
            // The sweeper first: a bucket it does not list would never be swept.
            var (partition, hour) = Key;
            await GrainFactory.GetGrain<IRetentionSweeperInternalGrain>(partition).AnnounceAsync(hour);
            _announced = true;
        }

        _buffer.Add(filing);
        await FlushAsync();
    }

    public Task<RetentionFiling[]> ReadAsync() => Task.FromResult(state.State.Filings);

    public async Task<int> PurgeAsync(int max)
    {
        var done = new List<RetentionFiling>();
        foreach (var chunk in Stored.Take(max).ToArray().Chunk(ConcurrentPurges))
        {
            var outcomes = await Task.WhenAll(chunk.Select(ExpireAsync));
            done.AddRange(chunk.Where((_, i) => outcomes[i]));
        }

        if (done.Count > 0)
        {
            _forgotten.AddRange(done);
            await FlushAsync();
        }

        var remaining = Stored.Count + _buffer.Count;
        if (remaining == 0)
        {
            _announced = false;
            DeactivateOnIdle();
        }

        return remaining;
    }

    /// <summary>Whether the filing is done with here: purged, or filed again for later. A failure keeps it for the next sweep.</summary>
    private async Task<bool> ExpireAsync(RetentionFiling filing)
    {
        try
        {
            if (await GrainFactory.GetGrain<IRetainedInternalGrain>(RetentionKinds.GrainOf(filing)).ExpireAsync() is { } later)
            {
                await GrainFactory.GetGrain<IRetentionBucketInternalGrain>(RetentionSchedule.BucketKeyFor(filing.Id, later)).AddAsync(filing);
            }

            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or WebhookPlatformException)
        {
            LogPurgeFailed(logger, filing.Kind, filing.Id, ex.Message);
            return false;
        }
    }

    private Task FlushAsync() => (_commit ??= new GroupCommit(WriteQueuedAsync)).CommitAsync();

    private async Task WriteQueuedAsync()
    {
        var next = new HashSet<RetentionFiling>(Stored);
        next.ExceptWith(_forgotten);
        next.UnionWith(_buffer);
        (_buffer, _forgotten) = ([], []);
        try
        {
            if (next.Count == 0)
            {
                // Nothing left: the row goes, rather than stay as an empty bucket.
                await state.ClearStateAsync();
                state.State = new RetentionBucketState();
            }
            else
            {
                state.State = state.State with { Filings = [.. next] };
                await state.WriteStateAsync();
            }

            _stored = next;
        }
        catch
        {
            // What is stored is uncertain: read the state again on the next use.
            _stored = null;
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention could not purge {Kind} {Id}, the next sweep tries again: {Reason}")]
    private static partial void LogPurgeFailed(ILogger logger, RetentionKind kind, string id, string reason);
}
