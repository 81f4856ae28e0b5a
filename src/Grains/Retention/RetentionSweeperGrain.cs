using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Retention;

/// <summary>
/// One partition of the retention schedule: the hours whose bucket may hold filings. One reminder
/// (period <see cref="RetentionOptions.SweepPeriod"/>) is registered while it lists any hour; each
/// tick starts a sweep of the buckets whose hour has passed, bounded per sweep, and returns at once,
/// so a tick never waits on the purges. A sweep is idempotent: a purge repeated finds nothing.
/// </summary>
[GrainType("retention-sweeper")]
public sealed partial class RetentionSweeperGrain(
    [PersistentState("retention-sweeper", StorageNames.Webhooks)] IPersistentState<RetentionSweeperState> state,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RetentionSweeperGrain> logger)
    : Grain, IRetentionSweeperInternalGrain, IRemindable
{
    public const string SweepReminder = "sweep";

    /// <summary>Filings one sweep purges at most, so that a sweep ends long before the next tick.</summary>
    public const int FilingsPerSweep = 5_000;

    // Filings one call to a bucket purges at most, far inside the 30 s call time-out.
    private const int FilingsPerCall = 500;

    private bool _armed;
    private Task<int>? _sweeping;

    // Set while a sweep runs: the hours announced meanwhile, which it must not drop.
    private HashSet<long>? _announcedWhileSweeping;

    private int Partition => (int)this.GetPrimaryKeyLong();

    public async Task AnnounceAsync(long hour)
    {
        _announcedWhileSweeping?.Add(hour);
        var hours = state.State.Hours;
        var at = Array.BinarySearch(hours, hour);
        if (at < 0)
        {
            var insertAt = ~at;
            state.State = state.State with { Hours = [.. hours[..insertAt], hour, .. hours[insertAt..]] };
            await state.WriteStateAsync();
        }

        if (!_armed)
        {
            // Once per activation: the registration is idempotent, and a lost reminder is re-armed by
            // the next bucket's first filing.
            var period = options.Value.SweepPeriod;
            await this.RegisterOrUpdateReminder(SweepReminder, period, period);
            _armed = true;
        }
    }

    public Task<long[]> ListAsync() => Task.FromResult(state.State.Hours);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SweepReminder)
        {
            return;
        }

        _armed = true;
        if (state.State.Hours.Length == 0)
        {
            await DisarmAsync();
            return;
        }

        // One-way to itself: the purges run in their own call, and the tick answers now.
        _ = this.AsReference<IRetentionSweeperInternalGrain>().SweepAsync();
    }

    // A sweep asked for while one runs joins it, so the asker sees the purges done when it answers.
    public async Task<int> SweepAsync()
    {
        if (_sweeping is { } running)
        {
            return await running;
        }

        _sweeping = RunSweepAsync();
        try
        {
            return await _sweeping;
        }
        finally
        {
            _sweeping = null;
        }
    }

    private async Task<int> RunSweepAsync()
    {
        // Interleaves with filings (buckets announce through this grain while purges re-file), and an
        // hour announced while it ran is never dropped.
        _announcedWhileSweeping = [];
        var handled = 0;
        try
        {
            var now = timeProvider.GetUtcNow();
            var empty = new HashSet<long>();
            foreach (var hour in state.State.Hours.TakeWhile(h => RetentionSchedule.IsDue(h, now)).ToList())
            {
                var bucket = GrainFactory.GetGrain<IRetentionBucketInternalGrain>(RetentionSchedule.BucketKey(Partition, hour));
                try
                {
                    while (handled < FilingsPerSweep)
                    {
                        var before = (await bucket.ReadAsync()).Length;
                        var remaining = await bucket.PurgeAsync(Math.Min(FilingsPerCall, FilingsPerSweep - handled));
                        handled += Math.Max(0, before - remaining);
                        if (remaining == 0)
                        {
                            empty.Add(hour);
                            break;
                        }

                        if (remaining >= before)
                        {
                            // Nothing moved (every purge failed): leave it to the next tick.
                            break;
                        }
                    }
                }
                catch (Exception ex) when (ex is TimeoutException or OrleansException)
                {
                    LogSweepFailed(logger, Partition, hour, ex.Message);
                }

                if (handled >= FilingsPerSweep)
                {
                    break;
                }
            }

            empty.ExceptWith(_announcedWhileSweeping);
            if (empty.Count > 0)
            {
                state.State = state.State with { Hours = [.. state.State.Hours.Where(h => !empty.Contains(h))] };
                await state.WriteStateAsync();
            }
        }
        finally
        {
            _announcedWhileSweeping = null;
        }

        if (state.State.Hours.Length == 0)
        {
            await DisarmAsync();
        }

        return handled;
    }

    private async Task DisarmAsync()
    {
        if (await this.GetReminder(SweepReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _armed = false;
        if (state.State.Hours.Length > 0)
        {
            // A bucket announced while the reminder was being removed: arm it again.
            var period = options.Value.SweepPeriod;
            await this.RegisterOrUpdateReminder(SweepReminder, period, period);
            _armed = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweeper partition {Partition} could not sweep hour {Hour}, the next tick tries again: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, int partition, long hour, string reason);
}
