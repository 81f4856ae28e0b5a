using Akademia.Webhooks.Grains.Retries;
using Akademia.Webhooks.Grains.Attempts;
using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// The delivery of one event to one endpoint. A delivery that succeeds first time costs one state
/// write and no reminder: the event's fan-out reminder covers it until it settles. Only a failed
/// attempt arms this grain's own reminder, which then drives the retry ladder. Every attempt goes
/// through the <see cref="IAttemptPipeline"/> (the endpoint's slot, its URL's circuit breaker and
/// failover); what follows an attempt is <see cref="DeliveryTransition"/>'s decision.
/// </summary>
[GrainType("delivery")]
public sealed partial class DeliveryGrain(
    [PersistentState("delivery", StorageNames.Webhooks)] IPersistentState<DeliveryState> state,
    IAttemptPipeline pipeline,
    OperationalEventEmitter operationalEvents,
    PlatformInstruments instruments,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<DeliveryGrain> logger)
    : Grain, IDeliveryGrain, IDeliveryInternalGrain, IRemindable
{
    public const string RetryReminder = "retry";

    private readonly DeliveryOptions _options = options.Value;

    // The first attempt, before anything is stored: shown to readers, and kept while it waits for
    // a bulkhead slot.
    private DeliveryState? _provisional;
    private DeliveryStart? _waitingStart;

    // A retry that is queued at the bulkhead.
    private bool _waitingSlot;

    // The retry-schedule minute this activation last filed the delivery in.
    private long? _filedMinute;

    private string Id => this.GetPrimaryKeyString();

    public Task<Delivery?> GetAsync()
    {
        var current = state.RecordExists ? state.State : _provisional;
        return Task.FromResult(current?.ToDelivery(Id));
    }

    public async Task StartAsync(DeliveryStart start)
    {
        if (state.RecordExists)
        {
            // A re-drive: the delivery already settled once. Make sure a pending one is still armed.
            if (!state.State.IsTerminal)
            {
                await ArmRetryAsync(state.State.NextAttemptAt);
            }

            NotifySettled(start);
            return;
        }

        if (_provisional is null)
        {
            var now = timeProvider.GetUtcNow();
            var provisional = new DeliveryState
            {
                EventId = start.EventId,
                EndpointId = start.EndpointId,
                EventType = start.EventType,
                ApplicationId = ApplicationIds.Of(start.ApplicationId),
                MessageId = PlatformIds.DeliveryId(start.EventId, start.EndpointId),
                Status = DeliveryStatus.Pending,
                CreatedAt = now,
                UpdatedAt = now,
                NextAttemptAt = now,
                TraceParent = DeliveryTracing.CurrentTraceParent(),
            };

            // Listed before anything else: should the log be unreachable, nothing is held here and the
            // event's next re-drive starts over. The first fan-out reaches one activation once; a
            // re-drive may follow an activation that listed the delivery and then died.
            var log = GrainFactory.GetGrain<IDeliveryLogGrain>(start.EndpointId);
            var entry = new DeliveryLogEntry(Id, now);
            await (start.Redrive ? log.AppendOnceAsync(entry, start.EventCreatedAt) : log.AppendAsync(entry));
            _provisional = provisional;
        }

        // Asked again on every re-drive while waiting: the bulkhead that queued this delivery may have
        // died with its silo, and with it the promise to grant the slot. Asking is idempotent (a holder
        // is told yes, a queued delivery keeps its place), so a lost grant or a lost queue never
        // strands the first attempt.
        _waitingStart = start;
        await FirstAttemptAsync(await pipeline.AskAsync(Id, start.EndpointId, slotGranted: false));
    }

    public async Task ScheduleAsync(DeliverySchedule schedule)
    {
        if (state.RecordExists)
        {
            return;
        }

        // A caller that saw this fail asks again; the first call may have listed the delivery.
        var now = timeProvider.GetUtcNow();
        await GrainFactory.GetGrain<IDeliveryLogGrain>(schedule.EndpointId).AppendOnceAsync(new DeliveryLogEntry(Id, now), notBefore: now);
        await RecordAsync(new DeliveryState
        {
            EventId = schedule.EventId,
            EndpointId = schedule.EndpointId,
            EventType = schedule.EventType,
            ApplicationId = ApplicationIds.Of(schedule.ApplicationId),
            MessageId = schedule.MessageId,
            Status = DeliveryStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            NextAttemptAt = now,
            TraceParent = DeliveryTracing.CurrentTraceParent(),
        });
        await ArmRetryAsync(now + _options.ReminderPeriod);
        _ = this.AsReference<IDeliveryInternalGrain>().AttemptIfDueAsync(false);
    }

    public Task<bool> ProcessNowAsync(bool force) => Task.FromResult(StartIfDue(force));

    public Task<RetryCheck> CheckRetryAsync(long minute, bool process, bool force, string? applicationId)
    {
        if (!state.RecordExists || !RetrySchedule.IsFiledIn(minute, !state.State.IsTerminal, state.State.NextAttemptAt))
        {
            if (state.RecordExists && state.State.IsTerminal)
            {
                // Woken only to be asked: a settled delivery has nothing left to do here.
                DeactivateOnIdle();
            }

            return Task.FromResult(RetryCheck.Elsewhere);
        }

        var mine = applicationId is null || state.State.ApplicationId == applicationId;
        return Task.FromResult(process && mine && StartIfDue(force) ? RetryCheck.Started : RetryCheck.Waiting);
    }

    private bool StartIfDue(bool force)
    {
        var due = state.RecordExists
            && !state.State.IsTerminal
            && (force || state.State.NextAttemptAt is not { } next || next <= timeProvider.GetUtcNow());
        if (due)
        {
            _ = this.AsReference<IDeliveryInternalGrain>().AttemptIfDueAsync(force);
        }

        return due;
    }

    public async Task<bool> PurgeIfSettledAsync()
    {
        if (_provisional is not null || (state.RecordExists && !state.State.IsTerminal))
        {
            return false;
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
            await DisarmRetryAsync();
        }

        DeactivateOnIdle();
        return true;
    }

    public async Task<bool> CancelErasedAsync()
    {
        var now = timeProvider.GetUtcNow();
        if (_waitingStart is { } start && _provisional is { } provisional)
        {
            // Still waiting for its first slot, with the body in hand: it ends here, and a slot granted
            // later is handed back (nothing waits for it any more).
            _waitingStart = null;
            _provisional = null;
            await RecordAsync(DeliveryTransition.PayloadErased(provisional, now).State);
            NotifySettled(start);
            LogCanceledErased(logger, Id);
            return true;
        }

        if (!state.RecordExists || state.State.IsTerminal)
        {
            return false;
        }

        await SettleAsync(DeliveryTransition.PayloadErased(state.State, now));
        LogCanceledErased(logger, Id);
        return true;
    }

    public async Task AttemptIfDueAsync(bool force)
    {
        if (!state.RecordExists || state.State.IsTerminal)
        {
            await DisarmRetryAsync();
            return;
        }

        if (!_waitingSlot && !force && state.State.NextAttemptAt is { } due && due > timeProvider.GetUtcNow())
        {
            return;
        }

        // A delivery already queued asks again (a tick, a forced process): the bulkhead may have
        // lost its queue, or its grant may have been lost on the way. The answer for a queued
        // delivery is "keep waiting", for a holder "yes".
        var ticket = await pipeline.AskAsync(Id, state.State.EndpointId, slotGranted: false);
        _waitingSlot = !ticket.Granted;
        if (ticket.Granted)
        {
            await AttemptAsync(ticket, state.State, body: null);
        }
    }

    public async Task SlotGrantedAsync()
    {
        if (_waitingStart is not null)
        {
            await FirstAttemptAsync(await pipeline.AskAsync(Id, _waitingStart.EndpointId, slotGranted: true));
        }
        else if (_waitingSlot && state.RecordExists && !state.State.IsTerminal)
        {
            _waitingSlot = false;
            await AttemptAsync(await pipeline.AskAsync(Id, state.State.EndpointId, slotGranted: true), state.State, body: null);
        }
        else
        {
            // Granted to an activation that no longer waits (it was re-created): hand the slot back.
            var endpointId = state.RecordExists ? state.State.EndpointId : PlatformIds.EndpointOf(Id);
            await pipeline.ReportAsync(AttemptTicket.Held(Id, endpointId), null);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RetryReminder)
        {
            return;
        }

        // A delivery armed before the schedule existed, or whose filing failed, is filed by its
        // first tick in an activation; later ticks of that activation cost nothing here.
        await FileRetryAsync();

        // The attempt runs in its own one-way call, so a tick never waits on a receiver and
        // never times out the reminder service.
        await this.AsReference<IDeliveryInternalGrain>().AttemptIfDueAsync(false);
    }

    private async Task FirstAttemptAsync(AttemptTicket ticket)
    {
        if (!ticket.Granted)
        {
            return;
        }

        var start = _waitingStart!;
        _waitingStart = null;
        bool recorded;
        try
        {
            recorded = await AttemptAsync(ticket, _provisional!, start.Body);
        }
        finally
        {
            _provisional = null;
        }

        // A handed-back first attempt stored nothing: the event must keep its fan-out reminder, which
        // re-drives this delivery, so it does not hear that the delivery settled.
        if (recorded)
        {
            NotifySettled(start);
        }
    }

    /// <summary>
    /// Makes the attempt the ticket allows and records what follows. The ticket is reported exactly once,
    /// before the outcome is recorded, whether or not anything was sent. Returns <c>false</c> when the
    /// silo is stopping and the attempt was handed back (not started, or cancelled at the end of the
    /// drain): nothing is recorded, the stored state and its reminder stay as they were, and the
    /// attempt is made again, with the same webhook-id, by whichever silo the reminder fires on.
    /// </summary>
    private async Task<bool> AttemptAsync(AttemptTicket ticket, DeliveryState current, string? body)
    {
        using var retry = DeliveryTracing.StartRetry(Id, current);
        using var inFlight = pipeline.TryBegin();
        if (inFlight is null)
        {
            await pipeline.ReportAsync(ticket, null);
            LogHandedBack(logger, Id, current.Attempts.Length + 1, "not started, the silo is stopping");
            return false;
        }

        AttemptOutcome? outcome = null;
        try
        {
            if (ticket.Target is { Deleted: false, Active: true })
            {
                body ??= await GrainFactory.GetGrain<IEventGrain>(current.EventKey).GetBodyAsync();
                if (body is not null)
                {
                    outcome = await pipeline.SendAsync(ticket, current.EventId, current.MessageId, body, current.Attempts.Length + 1, inFlight.HandBack);
                }
            }
        }
        catch (OperationCanceledException) when (inFlight.HandBack.IsCancellationRequested)
        {
            // Our cancellation, not the receiver's failure: no attempt is recorded, and the breaker and
            // the endpoint's health hear nothing (the report below only gives the slot back).
            inFlight.MarkHandedBack();
            LogHandedBack(logger, Id, current.Attempts.Length + 1, "cancelled at the end of the drain window");
            return false;
        }
        finally
        {
            await pipeline.ReportAsync(ticket, outcome);
        }

        var now = timeProvider.GetUtcNow();
        if (ticket.Target is not { Deleted: false } target)
        {
            await SettleAsync(DeliveryTransition.EndpointGone(current, now));
        }
        else if (!target.Active)
        {
            await SettleAsync(DeliveryTransition.EndpointPaused(current, now, _options.ReminderPeriod));
        }
        else if (outcome is null)
        {
            LogEventMissing(logger, Id, current.EventId);
        }
        else
        {
            var backoff = new RetryBackoff(target.RetryPolicy, _options.EffectiveRetryDelays, _options.JitterFactor);
            var step = new DeliveryTransition(backoff, _options.MaxRetryAfter).After(current, outcome.Attempt, now, Random.Shared.NextDouble());
            instruments.AttemptRecorded(current.EndpointId, outcome.Attempt, current.CreatedAt, wasAwaitingRetry: current.Attempts.Length > 0, exhausted: step.Kind == DeliveryStepKind.DeadLettered, now);
            await SettleAsync(step, target.Url, body);
        }

        return true;
    }

    private async Task SettleAsync(DeliveryStep step, string? url = null, string? body = null)
    {
        var attempt = step.State.Attempts.LastOrDefault();
        switch (step.Kind)
        {
            case DeliveryStepKind.Paused:
                await RecordAsync(step.State);
                await ArmRetryAsync(step.State.NextAttemptAt);
                return;
            case DeliveryStepKind.RetryScheduled:
                LogAttemptFailed(logger, Id, step.State.Attempts.Length, attempt!.StatusCode, attempt.ErrorCode, step.RetryIn!.Value);
                await RecordAsync(step.State);
                await ArmRetryAsync(step.State.NextAttemptAt);
                break;
            case DeliveryStepKind.DeadLettered:
                LogDeadLettered(logger, Id, step.State.Attempts.Length, attempt!.ErrorCode ?? $"HTTP {attempt.StatusCode}");
                await DeliveryDeadLetters.ArchiveAsync(GrainFactory, Id, step.State, url!, body!, step.State.UpdatedAt);
                await RecordAsync(step.State);
                await DisarmRetryAsync();
                await DeliveryDeadLetters.EmitExhaustedAsync(operationalEvents, Id, step.State);
                break;
            case DeliveryStepKind.Delivered:
                await RecordAsync(step.State);
                if (step.State.Attempts.Length > 1)
                {
                    await DisarmRetryAsync();
                }

                break;
            default:
                await RecordAsync(step.State);
                await DisarmRetryAsync();
                break;
        }

        DeactivateOnIdle();
    }

    /// <summary>
    /// Writes the new state. Should another activation have written meanwhile (possible while
    /// membership settles), the stored state is reloaded and kept if it is at least as far along,
    /// so the recorded history never goes backwards.
    /// </summary>
    private Task RecordAsync(DeliveryState desired) =>
        MonotonicState.WriteAsync(state, desired, (stored, wanted) => stored.IsTerminal || stored.Attempts.Length >= wanted.Attempts.Length);

    private async Task ArmRetryAsync(DateTimeOffset? due)
    {
        var dueIn = due is { } at ? at - timeProvider.GetUtcNow() : TimeSpan.Zero;
        await this.RegisterOrUpdateReminder(RetryReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, _options.ReminderPeriod);
        await FileRetryAsync();
    }

    /// <summary>
    /// Files the pending delivery in the retry schedule under the minute of its next attempt, so that
    /// a manual process finds it without reading the reminder table. A failed filing is logged and
    /// left to the next tick: the reminder, not the schedule, is what keeps the delivery going.
    /// </summary>
    private async Task FileRetryAsync()
    {
        if (!state.RecordExists || state.State.IsTerminal)
        {
            return;
        }

        var minute = RetrySchedule.MinuteOf(state.State.NextAttemptAt ?? timeProvider.GetUtcNow());
        if (_filedMinute == minute)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IRetryBucketInternalGrain>(RetrySchedule.BucketKey(RetrySchedule.PartitionOf(Id), minute)).AddAsync(Id);
            _filedMinute = minute;
        }
        catch (Exception ex)
        {
            // Whatever the storage threw: the attempt's outcome is already recorded and must stand.
            LogFilingFailed(logger, Id, ex.Message);
        }
    }

    private async Task DisarmRetryAsync()
    {
        if (await this.GetReminder(RetryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void NotifySettled(DeliveryStart start)
    {
        if (start.NotifyEvent)
        {
            _ = GrainFactory.GetGrain<IEventGrain>(EventKeys.For(ApplicationIds.Of(start.ApplicationId), start.EventId)).DeliverySettledAsync(start.EndpointId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} attempt {Attempt} failed (status {Status}, error {ErrorCode}); next attempt in {Delay}")]
    private static partial void LogAttemptFailed(ILogger logger, string deliveryId, int attempt, int? status, string? errorCode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} archived to the dead-letter queue after {Attempts} attempts ({Reason})")]
    private static partial void LogDeadLettered(ILogger logger, string deliveryId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} attempt {Attempt} handed back to its reminder ({Reason})")]
    private static partial void LogHandedBack(ILogger logger, string deliveryId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} could not be filed in the retry schedule ({Reason}); its next tick tries again")]
    private static partial void LogFilingFailed(ILogger logger, string deliveryId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} canceled: its event's payload was erased")]
    private static partial void LogCanceledErased(ILogger logger, string deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} cannot find its event {EventId}")]
    private static partial void LogEventMissing(ILogger logger, string deliveryId, string eventId);
}
