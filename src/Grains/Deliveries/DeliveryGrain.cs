using Akademia.Webhooks.Grains.Breakers;
using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.Retries;
using Akademia.Webhooks.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// The delivery of one event to one endpoint. A delivery that succeeds first time costs one state
/// write and no reminder: the event's fan-out reminder covers it until it settles. Only a failed
/// attempt arms this grain's own reminder, which then drives the retry ladder. Every attempt
/// passes the endpoint's bulkhead and its URL's circuit breaker first.
/// </summary>
[GrainType("delivery")]
public sealed partial class DeliveryGrain(
    [PersistentState("delivery", StorageNames.Webhooks)] IPersistentState<DeliveryState> state,
    WebhookSender sender,
    OperationalEventEmitter operationalEvents,
    MonitorBuffer monitor,
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


    private string Id => this.GetPrimaryKeyString();

    private IBulkheadGrain Bulkhead(string endpointId) => GrainFactory.GetGrain<IBulkheadGrain>(endpointId);

    public Task<Delivery?> GetAsync()
    {
        var current = state.RecordExists ? state.State : _provisional;
        return Task.FromResult(current is null ? null : ToDelivery(current));
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
                MessageId = PlatformIds.DeliveryId(start.EventId, start.EndpointId),
                Status = DeliveryStatus.Pending,
                CreatedAt = now,
                UpdatedAt = now,
                NextAttemptAt = now,
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
        if (await Bulkhead(start.EndpointId).TryAcquireAsync(Id))
        {
            await FirstAttemptHoldingSlotAsync();
        }
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
            MessageId = schedule.MessageId,
            Status = DeliveryStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            NextAttemptAt = now,
        });
        await ArmRetryAsync(now + _options.ReminderPeriod);
        _ = this.AsReference<IDeliveryInternalGrain>().AttemptIfDueAsync(false);
    }

    public Task<bool> ProcessNowAsync(bool force)
    {
        var due = state.RecordExists
            && !state.State.IsTerminal
            && (force || state.State.NextAttemptAt is not { } next || next <= timeProvider.GetUtcNow());
        if (due)
        {
            _ = this.AsReference<IDeliveryInternalGrain>().AttemptIfDueAsync(force);
        }

        return Task.FromResult(due);
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
        if (!await Bulkhead(state.State.EndpointId).TryAcquireAsync(Id))
        {
            _waitingSlot = true;
            return;
        }

        _waitingSlot = false;
        await RetryHoldingSlotAsync();
    }

    public async Task SlotGrantedAsync()
    {
        if (_waitingStart is not null)
        {
            await FirstAttemptHoldingSlotAsync();
        }
        else if (_waitingSlot && state.RecordExists && !state.State.IsTerminal)
        {
            _waitingSlot = false;
            await RetryHoldingSlotAsync();
        }
        else
        {
            // Granted to an activation that no longer waits (it was re-created): hand the slot back.
            var endpointId = state.RecordExists ? state.State.EndpointId : PlatformIds.EndpointOf(Id);
            await Bulkhead(endpointId).ReleaseAsync(Id);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The attempt runs in its own one-way call, so a tick never waits on a receiver and
        // never times out the reminder service.
        return reminderName == RetryReminder
            ? this.AsReference<IDeliveryInternalGrain>().AttemptIfDueAsync(false)
            : Task.CompletedTask;
    }

    private async Task FirstAttemptHoldingSlotAsync()
    {
        var start = _waitingStart!;
        _waitingStart = null;
        try
        {
            await AttemptAsync(_provisional!, start.Body);
        }
        finally
        {
            _provisional = null;
            await ReleaseSlotAsync(start.EndpointId);
        }

        NotifySettled(start);
    }

    private async Task RetryHoldingSlotAsync()
    {
        var endpointId = state.State.EndpointId;
        try
        {
            var body = await GrainFactory.GetGrain<IEventGrain>(state.State.EventId).GetBodyAsync();
            if (body is null)
            {
                LogEventMissing(logger, Id, state.State.EventId);
                return;
            }

            await AttemptAsync(state.State, body);
        }
        finally
        {
            await ReleaseSlotAsync(endpointId);
        }
    }

    private Task ReleaseSlotAsync(string endpointId) => Bulkhead(endpointId).ReleaseAsync(Id);

    private async Task AttemptAsync(DeliveryState current, string body)
    {
        var target = await GrainFactory.GetGrain<IEndpointInternalGrain>(current.EndpointId).GetTargetAsync();
        var now = timeProvider.GetUtcNow();
        if (target is null or { Deleted: true })
        {
            await RecordAsync(current with { Status = DeliveryStatus.Canceled, NextAttemptAt = null, UpdatedAt = now });
            await DisarmRetryAsync();
            DeactivateOnIdle();
            return;
        }

        if (!target.Active)
        {
            // Paused endpoints keep their deliveries; look again a period later.
            var later = now + _options.ReminderPeriod;
            await RecordAsync(current with { NextAttemptAt = later, UpdatedAt = now });
            await ArmRetryAsync(later);
            return;
        }

        var number = current.Attempts.Length + 1;
        var backoff = new RetryBackoff(target.RetryPolicy, _options.EffectiveRetryDelays, _options.JitterFactor);
        var attempt = await SendThroughBreakerAsync(target, current, body, number);
        var attempts = current.Attempts.Append(attempt).ToArray();
        now = timeProvider.GetUtcNow();
        var permanent = attempt.ErrorCode == DeliveryErrorCodes.ForbiddenDestination || backoff.IsPermanent(attempt.StatusCode);
        var delay = attempt.Succeeded || permanent ? null : NextDelay(backoff, number, attempt);
        Observe(current, attempt, now, exhausted: !attempt.Succeeded && delay is null);
        ReportToEndpoint(current, attempt);

        if (attempt.Succeeded)
        {
            await RecordAsync(current with { Status = DeliveryStatus.Delivered, Attempts = attempts, NextAttemptAt = null, UpdatedAt = now });
            if (number > 1)
            {
                await DisarmRetryAsync();
            }

            DeactivateOnIdle();
            return;
        }

        if (delay is { } wait)
        {
            var next = now + wait;
            LogAttemptFailed(logger, Id, number, attempt.StatusCode, attempt.ErrorCode, wait);
            await RecordAsync(current with { Attempts = attempts, NextAttemptAt = next, UpdatedAt = now });
            await ArmRetryAsync(next);
            DeactivateOnIdle();
            return;
        }

        LogDeadLettered(logger, Id, number, attempt.ErrorCode ?? $"HTTP {attempt.StatusCode}");
        await GrainFactory.GetGrain<IDeadLetterInternalGrain>(Id).ArchiveAsync(new DeadLetterEntry
        {
            Id = Id,
            EventId = current.EventId,
            EndpointId = current.EndpointId,
            EventType = current.EventType,
            Url = attempt.Url ?? target.Url,
            Payload = body,
            Status = attempt.StatusCode,
            Attempts = attempts.Length,
            ErrorMessage = attempt.ErrorMessage,
            ErrorCode = attempt.ErrorCode,
            FailedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
            AttemptHistory = attempts,
        });
        await RecordAsync(current with { Status = DeliveryStatus.DeadLettered, Attempts = attempts, NextAttemptAt = null, UpdatedAt = now });
        await DisarmRetryAsync();
        await EmitExhaustedAsync(current, attempt, attempts.Length);
        DeactivateOnIdle();
    }

    // The occasion is the delivery: it is exhausted once (a replay that fails again is a new delivery).
    private Task EmitExhaustedAsync(DeliveryState current, DeliveryAttempt last, int attempts) =>
        operationalEvents.EmitAsync(OperationalEvents.DeliveryExhausted, current.EndpointId, Id, new Dictionary<string, object?>
        {
            ["endpointId"] = current.EndpointId,
            ["deliveryId"] = Id,
            ["eventId"] = current.EventId,
            ["eventType"] = current.EventType,
            ["attempts"] = attempts,
            ["lastStatus"] = last.StatusCode,
            ["lastError"] = last.ErrorCode,
            ["url"] = last.Url,
        });

    private void ReportToEndpoint(DeliveryState current, DeliveryAttempt attempt)
    {
        // Only attempts that reached the network say something about the receiver.
        if (attempt.ErrorCode is DeliveryErrorCodes.CircuitBreakerOpen or DeliveryErrorCodes.ForbiddenDestination)
        {
            return;
        }

        _ = GrainFactory.GetGrain<IEndpointInternalGrain>(current.EndpointId).ReportAttemptAsync(new AttemptReport(
            attempt.Succeeded, attempt.StatusCode, attempt.ErrorCode, attempt.DurationMs, attempt.StartedAt, attempt.Url ?? string.Empty, Id));
    }

    /// <summary>Metrics and the integration monitor; the recorded outcome follows from the same rules.</summary>
    private void Observe(DeliveryState current, DeliveryAttempt attempt, DateTimeOffset now, bool exhausted)
    {
        var number = attempt.Number;
        if (number == 1)
        {
            monitor.DeliveryStarted();
        }

        var outcome = attempt.Succeeded ? "success" : attempt.ErrorCode switch
        {
            DeliveryErrorCodes.CircuitBreakerOpen => "circuit_open",
            DeliveryErrorCodes.ForbiddenDestination => "forbidden",
            DeliveryErrorCodes.Timeout => "timeout",
            DeliveryErrorCodes.NetworkError => "network_error",
            _ => "http_error",
        };
        WebhookMetrics.DeliveryAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (attempt.ErrorCode is not DeliveryErrorCodes.CircuitBreakerOpen and not DeliveryErrorCodes.ForbiddenDestination)
        {
            WebhookMetrics.AttemptDuration.Record(attempt.DurationMs, new KeyValuePair<string, object?>("outcome", outcome));
        }

        var wasAwaitingRetry = current.Attempts.Length > 0;
        if (attempt.Succeeded)
        {
            WebhookMetrics.DeliveryLatency.Record((now - current.CreatedAt).TotalMilliseconds);
            monitor.AttemptSucceeded(attempt.DurationMs);
            monitor.DeliveryProgressed(wasAwaitingRetry, isAwaitingRetry: false, DeliveryStatus.Delivered);
            return;
        }

        monitor.AttemptFailed(new MonitoredError(now, attempt.ErrorCode ?? "HTTP_ERROR", attempt.StatusCode, current.EndpointId, attempt.ErrorMessage));
        monitor.DeliveryProgressed(wasAwaitingRetry, isAwaitingRetry: !exhausted, exhausted ? DeliveryStatus.DeadLettered : DeliveryStatus.Pending);
    }

    private async Task<DeliveryAttempt> SendThroughBreakerAsync(EndpointTarget target, DeliveryState current, string body, int number)
    {
        // The primary's breaker decides first, so that its half-open probe goes to the primary even
        // while traffic is on the failover: that probe is how traffic returns once it recovers.
        var url = target.Url;
        var breaker = GrainFactory.GetGrain<ICircuitBreakerInternalGrain>(CircuitBreakerKeys.For(url));
        var verdict = await breaker.AcquireAsync();
        var useFailover = target.FailoverUrl is { } failover && (verdict == BreakerVerdict.Reject || (verdict == BreakerVerdict.Allow && target.PreferFailover));
        if (useFailover)
        {
            url = target.FailoverUrl!;
            breaker = GrainFactory.GetGrain<ICircuitBreakerInternalGrain>(CircuitBreakerKeys.For(url));
            verdict = await breaker.AcquireAsync();
        }

        if (verdict == BreakerVerdict.Reject)
        {
            return new DeliveryAttempt
            {
                Number = number,
                StartedAt = timeProvider.GetUtcNow(),
                ErrorCode = DeliveryErrorCodes.CircuitBreakerOpen,
                ErrorMessage = "Circuit breaker is open for this URL; no request was sent.",
                Url = url,
            };
        }

        var (attempt, feedback) = await sender.SendWithFeedbackAsync(target with { Url = url }, current.EventId, current.MessageId, body, number);
        _ = Bulkhead(current.EndpointId).LearnAsync(feedback, target.RateLimit);

        // A refused destination says nothing about the receiver's health.
        if (attempt.ErrorCode != DeliveryErrorCodes.ForbiddenDestination)
        {
            try
            {
                await breaker.ReportAsync(attempt.Succeeded);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The request went out: it must be recorded whatever the breaker's fate (its grain may
                // be moving off a dead silo), or the attempt would be made again and a 2xx duplicated.
                // A lost report only delays the breaker by one outcome; a lost probe expires by lease.
                LogBreakerReportLost(logger, Id, ex.Message);
            }
        }

        return attempt;
    }

    /// <summary>The ladder's next wait, stretched to what a 429 or 503 asked for with Retry-After.</summary>
    private TimeSpan? NextDelay(RetryBackoff backoff, int attemptsMade, DeliveryAttempt attempt)
    {
        if (backoff.NextDelay(attemptsMade, attempt.ErrorCode, attempt.StatusCode, Random.Shared.NextDouble()) is not { } delay)
        {
            return null;
        }

        if (attempt.RetryAfterSeconds is { } seconds)
        {
            var asked = TimeSpan.FromSeconds(Math.Min(seconds, _options.MaxRetryAfter.TotalSeconds));
            return asked > delay ? asked : delay;
        }

        return delay;
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
            _ = GrainFactory.GetGrain<IEventGrain>(start.EventId).DeliverySettledAsync(start.EndpointId);
        }
    }

    private Delivery ToDelivery(DeliveryState s) => new()
    {
        Id = Id,
        EventId = s.EventId,
        EndpointId = s.EndpointId,
        EventType = s.EventType,
        MessageId = s.MessageId,
        Status = s.Status,
        Attempts = s.Attempts,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
        NextAttemptAt = s.NextAttemptAt,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} attempt {Attempt} failed (status {Status}, error {ErrorCode}); next attempt in {Delay}")]
    private static partial void LogAttemptFailed(ILogger logger, string deliveryId, int attempt, int? status, string? errorCode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} archived to the dead-letter queue after {Attempts} attempts ({Reason})")]
    private static partial void LogDeadLettered(ILogger logger, string deliveryId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: the breaker did not take the attempt's outcome: {Reason}")]
    private static partial void LogBreakerReportLost(ILogger logger, string deliveryId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} cannot find its event {EventId}")]
    private static partial void LogEventMissing(ILogger logger, string deliveryId, string eventId);
}
