using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// The head of one index scope (<see cref="DeadLetterScopeState"/>): it routes changes to the pages
/// (<see cref="DeadLetterPages"/>) and walks them for listings (<see cref="DeadLetterWalk"/>). Changes
/// that arrive together share one flush: each touched page is written once, then the head once.
/// </summary>
[Reentrant, GrainType("dead-letter-scope")]
public sealed partial class DeadLetterScopeGrain(
    [PersistentState("dead-letter-scope", StorageNames.Large)] IPersistentState<DeadLetterScopeState> state,
    ILogger<DeadLetterScopeGrain> logger)
    : Grain, IDeadLetterScopeGrain
{
    private List<DeadLetterChange> _buffer = [];
    private TaskCompletionSource? _nextFlush;
    private bool _flushing;

    public Task ApplyAsync(DeadLetterChange[] changes)
    {
        _buffer.AddRange(changes);
        var flushed = _nextFlush ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_flushing)
        {
            _ = FlushLoopAsync();
        }

        return flushed.Task;
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

    private async Task FlushLoopAsync()
    {
        _flushing = true;
        try
        {
            while (_nextFlush is { } flushed)
            {
                _nextFlush = null;
                var batch = _buffer;
                _buffer = [];
                try
                {
                    await ApplyBatchAsync(batch);
                    flushed.SetResult();
                }
                catch (Exception ex)
                {
                    flushed.SetException(ex);
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task ApplyBatchAsync(List<DeadLetterChange> batch)
    {
        var changes = DeadLetterPages.Coalesce(batch);
        var head = state.State;
        var failures = new List<Exception>();

        // First where each entry may already be listed (pages whose time range holds it), then the
        // upserts found nowhere go to the last page of their day.
        var lookups = new Dictionary<(int Day, int Number), List<DeadLetterChange>>();
        foreach (var change in changes)
        {
            var day = DeadLetterPages.Day(change.FailedAt);
            foreach (var number in DeadLetterPages.Candidates(head.Buckets.FirstOrDefault(b => b.Day == day), change.FailedAt))
            {
                (lookups.TryGetValue((day, number), out var list) ? list : lookups[(day, number)] = []).Add(change);
            }
        }

        // An entry whose page did not answer may be there: it is not placed again (its repair retries).
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (page, answer) in await ApplyToPagesAsync(lookups, insertMissing: false, failures, applied))
        {
            head = DeadLetterPages.Record(head, page.Day, answer);
            applied.UnionWith(answer.Applied);
        }

        var inserts = new Dictionary<(int Day, int Number), List<DeadLetterChange>>();
        foreach (var day in changes.Where(c => c.Upsert is not null && !applied.Contains(c.Id)).GroupBy(c => DeadLetterPages.Day(c.FailedAt)))
        {
            var pending = day.ToList();
            var taken = 0;
            foreach (var (number, take) in DeadLetterPages.Place(head.Buckets.FirstOrDefault(b => b.Day == day.Key), pending.Count))
            {
                inserts[(day.Key, number)] = pending.GetRange(taken, take);
                taken += take;
            }
        }

        foreach (var (page, answer) in await ApplyToPagesAsync(inserts, insertMissing: true, failures, applied))
        {
            head = DeadLetterPages.Record(head, page.Day, answer);
        }

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
            LogPageFailed(logger, this.GetPrimaryKeyString(), failures[0].Message);
            throw failures[0];
        }
    }

    private async Task<List<((int Day, int Number) Page, DeadLetterPageApplied Answer)>> ApplyToPagesAsync(
        Dictionary<(int Day, int Number), List<DeadLetterChange>> byPage, bool insertMissing, List<Exception> failures, HashSet<string> unanswered)
    {
        var scope = this.GetPrimaryKeyString();
        var calls = byPage.Select(async entry =>
        {
            try
            {
                var answer = await GrainFactory.GetGrain<IDeadLetterPageGrain>(DeadLetterScopes.PageKey(scope, entry.Key.Day, entry.Key.Number))
                    .ApplyAsync([.. entry.Value], insertMissing);
                return (entry.Key, (DeadLetterPageApplied?)answer);
            }
            catch (Exception ex)
            {
                failures.Add(ex);
                unanswered.UnionWith(entry.Value.Select(c => c.Id));
                return (entry.Key, null);
            }
        }).ToList();
        var answers = await Task.WhenAll(calls);
        return [.. answers.Where(a => a.Item2 is not null).Select(a => (a.Key, a.Item2!))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-letter index scope {Scope}: a page write failed, the entries' repair applies it again: {Reason}")]
    private static partial void LogPageFailed(ILogger logger, string scope, string reason);
}
