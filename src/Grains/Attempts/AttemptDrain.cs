using System.Diagnostics;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Attempts;

/// <summary>
/// The silo's outbound attempts in flight, and their drain on SIGTERM. The drain runs first in the
/// silo's stop, before Orleans stops reminders, marks the silo shutting down and deactivates grains:
/// attempts that finish within <see cref="ShutdownOptions.DrainTimeout"/> record their outcome while
/// storage, breakers and bulkheads still answer as usual. Once the drain has begun no attempt starts
/// (a reminder that fires meanwhile would start a POST only to cut it); attempts still running at the
/// end of the window are cancelled and record nothing, so the delivery's reminder, or for a first
/// attempt the event's fan-out reminder, drives it again with the same webhook-id. Per-attempt cost:
/// one lock and two counter updates in this process, no grain call, no storage write.
/// </summary>
public sealed partial class AttemptDrain(IOptions<ShutdownOptions> options, TimeProvider timeProvider, ILogger<AttemptDrain> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    // Cancelled attempts unwind at once (their POST is aborted, their slot goes back one-way), so a
    // short wait for them is enough; it keeps the counts of the end-of-drain line complete.
    private static readonly TimeSpan HandBackWait = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _handBack = new();
    private TaskCompletionSource? _idle;
    private bool _draining;
    private int _inFlight;
    private int _finished;
    private int _handedBack;
    private int _refused;

    /// <summary>Attempts running now.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Registers an attempt about to start; <c>null</c> once the drain has begun, and then the attempt must not start.</summary>
    public AttemptInFlight? TryBegin()
    {
        lock (_lock)
        {
            if (_draining)
            {
                _refused++;
                return null;
            }

            _inFlight++;
        }

        return new AttemptInFlight(this, _handBack.Token);
    }

    internal void End(bool handedBack)
    {
        lock (_lock)
        {
            _inFlight--;
            if (!_draining)
            {
                return;
            }

            if (handedBack)
            {
                _handedBack++;
            }
            else
            {
                _finished++;
            }

            if (_inFlight == 0)
            {
                _idle?.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Refuses new attempts, waits up to <see cref="ShutdownOptions.DrainTimeout"/> for those in flight,
    /// then cancels the rest. Returns the attempts that finished, were handed back, and were refused.
    /// </summary>
    public async Task<(int Finished, int HandedBack, int Refused)> DrainAsync(CancellationToken cancellationToken)
    {
        var window = options.Value.DrainTimeout;
        var started = Stopwatch.GetTimestamp();
        Task idle;
        int inFlight;
        lock (_lock)
        {
            _draining = true;
            inFlight = _inFlight;
            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (inFlight == 0)
            {
                _idle.TrySetResult();
            }

            idle = _idle.Task;
        }

        LogDrainStarted(logger, inFlight, window.TotalSeconds);
        if (!await CompletesWithinAsync(idle, window, cancellationToken))
        {
            await _handBack.CancelAsync();
            await CompletesWithinAsync(idle, HandBackWait, cancellationToken);
        }

        int finished, handedBack, refused, left;
        lock (_lock)
        {
            (finished, handedBack, refused, left) = (_finished, _handedBack, _refused, _inFlight);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        LogDrainEnded(logger, finished, handedBack, refused, left, elapsed.TotalSeconds);
        return (finished, handedBack, refused);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        // Stopped before the stage Active, whose stop ends the reminder service and the silo's gateway.
        lifecycle.Subscribe(nameof(AttemptDrain), ServiceLifecycleStage.Active + 1, _ => Task.CompletedTask, DrainAsync);

    public void Dispose() => _handBack.Dispose();

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan within, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(within, timeProvider, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            // The host's own shutdown timeout ran out first: stop waiting, hand back what runs.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining outbound attempts: {InFlight} in flight, up to {WindowSeconds} s to finish; no new attempt starts")]
    private static partial void LogDrainStarted(ILogger logger, int inFlight, double windowSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drain done in {ElapsedSeconds:0.00} s: {Finished} attempts finished, {HandedBack} handed back to their reminders, {Refused} not started, {Left} still unwinding")]
    private static partial void LogDrainEnded(ILogger logger, int finished, int handedBack, int refused, int left, double elapsedSeconds);
}
