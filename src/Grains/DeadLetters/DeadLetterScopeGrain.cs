using Akademia.Webhooks.Grains.Persistence;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// The head of one index scope (<see cref="DeadLetterScopeState"/>): it routes changes to the pages
/// (<see cref="DeadLetterFlush"/>) and walks them for listings (<see cref="DeadLetterWalk"/>). Changes
/// that arrive together share one flush: each touched page is written once, then the head once.
/// </summary>
[Reentrant, GrainType("dead-letter-scope")]
public sealed partial class DeadLetterScopeGrain(
    [PersistentState("dead-letter-scope", StorageNames.Large)] IPersistentState<DeadLetterScopeState> state,
    ILogger<DeadLetterScopeGrain> logger)
    : Grain, IDeadLetterScopeGrain
{
    private List<DeadLetterChange> _buffer = [];
    private GroupCommit? _commit;

    public Task ApplyAsync(DeadLetterChange[] changes)
    {
        _buffer.AddRange(changes);
        return (_commit ??= new GroupCommit(FlushAsync)).CommitAsync();
    }

    public async Task<DeadLetterScan> ScanAsync(DeadLetterScanRequest request)
    {
        var scope = this.GetPrimaryKeyString();
        var (items, next) = await DeadLetterWalk.StepAsync(
            state.State.Buckets,
            request.After,
            request.From,
            request.To,
            request.Limit,
            request.Filter.Matches,
            (day, number) => GrainFactory.GetGrain<IDeadLetterPageGrain>(DeadLetterScopes.PageKey(scope, day, number)).GetAsync());
        return new DeadLetterScan([.. items], next?.Ticks, next?.Id);
    }

    public Task<DeadLetterCounts> GetCountsAsync() => Task.FromResult(new DeadLetterCounts(state.State.Archived, state.State.Listed, state.State.Hidden));

    public Task<DeadLetterBucket[]> GetBucketsAsync() => Task.FromResult(state.State.Buckets);

    private Task FlushAsync()
    {
        var batch = _buffer;
        _buffer = [];
        return ApplyBatchAsync(batch);
    }

    private async Task ApplyBatchAsync(List<DeadLetterChange> batch)
    {
        var scope = this.GetPrimaryKeyString();
        var (head, failures) = await DeadLetterFlush.RunAsync(state.State, batch, (day, number, changes, insertMissing) =>
            GrainFactory.GetGrain<IDeadLetterPageGrain>(DeadLetterScopes.PageKey(scope, day, number)).ApplyAsync(changes, insertMissing));

        // What the pages took is recorded even when another page failed, so the counters keep up
        // with the pages; the failed changes come back through the entries' repair.
        if (!ReferenceEquals(head, state.State))
        {
            state.State = head;
            try
            {
                await state.WriteStateAsync();
            }
            catch (InconsistentStateException)
            {
                DeactivateOnIdle();
                throw;
            }
        }

        if (failures.Count > 0)
        {
            LogPageFailed(logger, scope, failures[0].Message);
            throw failures[0];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-letter index scope {Scope}: a page write failed, the entries' repair applies it again: {Reason}")]
    private static partial void LogPageFailed(ILogger logger, string scope, string reason);
}
