namespace Akademia.Webhooks.Grains.Retries;

/// <summary>
/// Starts a grain's next attempt when it is due, on a one-shot grain timer that interleaves with the
/// grain's calls. Waits of <c>limit</c> or more get no timer: the grain's reminder, armed until the
/// work is finished, ticks and schedules again, so a long wait costs no timer and survives the activation.
/// </summary>
public sealed class AttemptTimer(IGrainBase grain, TimeProvider clock, TimeSpan limit, Func<Task> attempt)
{
    private IGrainTimer? _timer;

    /// <summary>Whether an attempt is waiting on the timer.</summary>
    public bool IsPending => _timer is not null;

    /// <summary>Replaces any pending attempt with one at <paramref name="at"/> (now when <c>null</c> or past).</summary>
    public void Schedule(DateTimeOffset? at)
    {
        Cancel();
        var wait = (at ?? clock.GetUtcNow()) - clock.GetUtcNow();
        if (wait >= limit)
        {
            return;
        }

        _timer = grain.RegisterGrainTimer(static (run, _) => run(), attempt, new GrainTimerCreationOptions
        {
            DueTime = wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = true,
        });
    }

    public void Cancel()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
