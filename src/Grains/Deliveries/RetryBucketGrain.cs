using Akademia.Webhooks.Grains.Persistence;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// The pending deliveries of one partition due in one minute. Deliveries file themselves when they
/// arm a retry; filings that arrive together share one storage write. Nothing is removed on settling
/// (that would cost every delivery a call): stale filings are forgotten when a prune or a manual
/// process asks the delivery and hears <see cref="RetryCheck.Elsewhere"/>.
/// </summary>
[Reentrant, GrainType("retry-bucket")]
public sealed class RetryBucketGrain(
    [PersistentState("retry-bucket", StorageNames.Webhooks)] IPersistentState<RetryBucketState> state)
    : Grain, IRetryBucketInternalGrain
{
    // A manual process over a large bucket asks this many deliveries at a time.
    private const int ConcurrentChecks = 256;

    private HashSet<string>? _stored;

    // Changes waiting for the next write: every write is made by the one flush loop, so adds and
    // removals that arrive together share it and never overwrite each other.
    private List<string> _buffer = [];
    private List<string> _forgotten = [];
    private GroupCommit? _commit;

    // Whether the schedule has been told about this bucket since it last was empty.
    private bool _announced;

    private (int Partition, long Minute) Key => RetrySchedule.ParseBucketKey(this.GetPrimaryKeyString());

    private HashSet<string> Stored => _stored ??= new(state.State.DeliveryIds, StringComparer.Ordinal);

    public async Task AddAsync(string deliveryId)
    {
        if (Stored.Contains(deliveryId))
        {
            return;
        }

        if (!_announced)
        {
            // The schedule first: a bucket it does not list would never be processed or pruned.
            var (partition, minute) = Key;
            await GrainFactory.GetGrain<IRetryScheduleInternalGrain>(partition).AnnounceAsync(minute);
            _announced = true;
        }

        _buffer.Add(deliveryId);
        await FlushAsync();
    }

    public async Task<(int Started, int Remaining)> ProcessAsync(bool force, string? applicationId)
    {
        var checks = await CheckAllAsync(process: true, force, applicationId);
        var remaining = await ForgetAsync(checks);
        return (checks.Count(c => c.Check == RetryCheck.Started), remaining);
    }

    public Task<string[]> ReadAsync() => Task.FromResult(state.State.DeliveryIds);

    public async Task<int> PruneAsync() => await ForgetAsync(await CheckAllAsync(process: false, force: false, applicationId: null));

    private async Task<List<(string Id, RetryCheck Check)>> CheckAllAsync(bool process, bool force, string? applicationId)
    {
        var minute = Key.Minute;
        var results = new List<(string, RetryCheck)>(Stored.Count);
        foreach (var chunk in Stored.ToArray().Chunk(ConcurrentChecks))
        {
            var checks = await Task.WhenAll(chunk.Select(id => GrainFactory.GetGrain<IDeliveryInternalGrain>(id).CheckRetryAsync(minute, process, force, applicationId)));
            results.AddRange(chunk.Zip(checks));
        }

        return results;
    }

    private async Task<int> ForgetAsync(List<(string Id, RetryCheck Check)> checks)
    {
        var stale = checks.Where(c => c.Check == RetryCheck.Elsewhere).Select(c => c.Id).ToList();
        if (stale.Count > 0)
        {
            _forgotten.AddRange(stale);
            await FlushAsync();
        }

        var remaining = Stored.Count + _buffer.Count;
        if (remaining == 0)
        {
            // Empty now, so the schedule may drop it: the next filing must announce it again.
            _announced = false;
        }

        return remaining;
    }

    private Task FlushAsync() => (_commit ??= new GroupCommit(WriteQueuedAsync)).CommitAsync();

    private Task WriteQueuedAsync()
    {
        var next = new HashSet<string>(Stored, StringComparer.Ordinal);
        next.ExceptWith(_forgotten);
        next.UnionWith(_buffer);
        (_buffer, _forgotten) = ([], []);
        return WriteAsync(next);
    }

    private async Task WriteAsync(HashSet<string> ids)
    {
        try
        {
            state.State = state.State with { DeliveryIds = [.. ids] };
            await state.WriteStateAsync();
            _stored = ids;
        }
        catch
        {
            // What is stored is uncertain: read the state again on the next use.
            _stored = null;
            throw;
        }
    }
}
