using Akademia.Webhooks.Grains.Persistence;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// One partition of the retry schedule: the minutes whose bucket may hold pending deliveries. A manual
/// process reads these lists instead of the reminder table, which holds every reminder of every grain.
/// The list is written once per new minute, not per delivery, and a timer prunes buckets
/// whose minute has passed, so it stays as long as the retry ladder, not as the delivery history.
/// </summary>
[GrainType("retry-schedule")]
public sealed partial class RetryScheduleGrain(
    [PersistentState("retry-schedule", StorageNames.Webhooks)] IPersistentState<RetryScheduleState> state,
    TimeProvider timeProvider,
    ILogger<RetryScheduleGrain> logger)
    : Grain, IRetryScheduleInternalGrain
{
    /// <summary>How often past buckets are pruned.</summary>
    public static readonly TimeSpan PrunePeriod = TimeSpan.FromMinutes(5);

    // Buckets one pass prunes at most, so that a pass stays far inside the 30 s call time-out.
    private const int BucketsPerPrune = 32;

    private IGrainTimer? _pruning;

    // A prune interleaves with announcements: their writes share one queue, so that two writes of
    // this state never run at once (they would conflict on the ETag).
    private GroupCommit? _commit;

    // Set while a prune runs: the minutes announced meanwhile.
    private HashSet<long>? _announcedWhilePruning;

    private int Partition => (int)this.GetPrimaryKeyLong();

    public async Task AnnounceAsync(long minute)
    {
        _announcedWhilePruning?.Add(minute);
        var minutes = state.State.Minutes;
        var at = Array.BinarySearch(minutes, minute);
        if (at >= 0)
        {
            return;
        }

        var insertAt = ~at;
        state.State = state.State with { Minutes = [.. minutes[..insertAt], minute, .. minutes[insertAt..]] };
        await CommitAsync();
        EnsurePruning();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        EnsurePruning();
        return Task.CompletedTask;
    }

    public Task<long[]> ListAsync(long throughMinute) =>
        Task.FromResult(state.State.Minutes.TakeWhile(m => m <= throughMinute).ToArray());

    /// <summary>Prunes the buckets of passed minutes; what the pruning timer runs, and callable for tests.</summary>
    public async Task PruneAsync()
    {
        if (_announcedWhilePruning is not null)
        {
            return;
        }

        // Pruning asks buckets, which ask deliveries, which may be filing themselves through this
        // grain: so it interleaves with filings instead of holding the grain (that would be a cycle),
        // and a bucket announced while it ran is never dropped, since it may have been filled again
        // after it answered that it was empty. Only passed minutes are pruned.
        _announcedWhilePruning = [];
        try
        {
            var now = RetrySchedule.MinuteOf(timeProvider.GetUtcNow());
            var empty = new HashSet<long>();
            foreach (var minute in state.State.Minutes.TakeWhile(m => m < now).Take(BucketsPerPrune).ToList())
            {
                try
                {
                    if (await GrainFactory.GetGrain<IRetryBucketInternalGrain>(RetrySchedule.BucketKey(Partition, minute)).PruneAsync() == 0)
                    {
                        empty.Add(minute);
                    }
                }
                catch (Exception ex) when (ex is TimeoutException or OrleansException)
                {
                    // Kept: the next pass tries again.
                    LogPruneFailed(logger, Partition, minute, ex.Message);
                }
            }

            empty.ExceptWith(_announcedWhilePruning);
            if (empty.Count > 0)
            {
                state.State = state.State with { Minutes = [.. state.State.Minutes.Where(m => !empty.Contains(m))] };
                await CommitAsync();
            }
        }
        finally
        {
            _announcedWhilePruning = null;
        }

        if (state.State.Minutes.Length == 0)
        {
            _pruning?.Dispose();
            _pruning = null;
        }
    }

    private Task CommitAsync() => (_commit ??= new GroupCommit(state.WriteStateAsync)).CommitAsync();

    // A grain timer, not a reminder: the schedule lives while it lists buckets (the timer keeps it
    // active), a lost activation is re-created by the next filing or manual process, and a reminder
    // registration would put the reminder table back on the filing's path.
    private void EnsurePruning()
    {
        if (_pruning is null && state.State.Minutes.Length > 0)
        {
            _pruning = this.RegisterGrainTimer(PruneAsync, new GrainTimerCreationOptions { DueTime = PrunePeriod, Period = PrunePeriod, KeepAlive = true, Interleave = true });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retry schedule partition {Partition} could not prune minute {Minute}: {Reason}")]
    private static partial void LogPruneFailed(ILogger logger, int partition, long minute, string reason);
}
