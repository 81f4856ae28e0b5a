using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.Retries;
using Akademia.Webhooks.Grains.Persistence;
using Akademia.Webhooks.Grains.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// One inbound message, keyed by source and dedupe key, so duplicates meet here: the first request
/// stores the message, every later one (concurrent, or after a restart) finds it stored.
/// <para>
/// Accepting arms this grain's reminder, then writes the message; only then does the sender get its
/// 202. Processing runs afterwards in a grain timer of its own (so the answer never waits for it) and
/// interleaves with other calls (so a duplicate is answered at once even while an attempt runs). Every
/// outcome is written before the next step, with the next attempt's time: retries wait on timers, and
/// the reminder, armed until the message is processed or dead-lettered, restarts whatever a lost
/// activation was waiting for. Waits and timestamps use the grains' clock, the timeout real time.
/// </para>
/// </summary>
[GrainType("inbound-message")]
public sealed class InboundMessageGrain(
    [PersistentState("inbound-message", StorageNames.Webhooks)] IPersistentState<InboundMessageState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider grainTimeProvider,
    TimeProvider timeProvider,
    InboundTypeCache types,
    RetentionPeriods retention,
    PlatformInstruments instruments,
    IOptions<InboundOptions> options,
    ILogger<InboundMessageGrain> logger)
    : Grain, IInboundMessageGrain, IInboundMessageInternalGrain, IRetainedInternalGrain, IRemindable
{
    public const string ProcessReminder = "process";

    /// <summary>Waits shorter than this run on a timer; longer ones are picked up by the reminder's ticks.</summary>
    private static readonly TimeSpan TimerLimit = TimeSpan.FromMinutes(1);

    private readonly InboundOptions _options = options.Value;
    private AttemptTimer? _timer;
    private InboundProcessor? _processor;
    private bool _inProgress;
    private bool _logged;

    private string Id => this.GetPrimaryKeyString();

    private AttemptTimer Timer => _timer ??= new(this, grainTimeProvider, TimerLimit, AttemptAsync);

    private InboundProcessor Processor => _processor ??= new(GrainFactory, types, grainTimeProvider, timeProvider, _options.ProcessingTimeout);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && !state.State.IsTerminal)
        {
            Timer.Schedule(state.State.NextAttemptAt);
        }

        return Task.CompletedTask;
    }

    public async Task<bool> AcceptAsync(InboundAcceptance acceptance)
    {
        if (state.RecordExists)
        {
            return false;
        }

        // Armed and filed for retention before the write, side by side: a crash in between leaves a
        // reminder that finds no message and removes itself (and a filing whose purge finds nothing),
        // and the sender, having had no answer, sends again. The retention is that of the source's application.
        var now = grainTimeProvider.GetUtcNow();
        var dueAt = await retention.DueAtAsync(acceptance.ApplicationId, now);
        await Task.WhenAll(
            this.RegisterOrUpdateReminder(ProcessReminder, _options.ReminderPeriod, _options.ReminderPeriod),
            GrainFactory.GetGrain<IRetentionBucketInternalGrain>(RetentionSchedule.BucketKeyFor(Id, dueAt))
                .AddAsync(new RetentionFiling(RetentionKind.InboundMessage, Id)));

        state.State = InboundMessageState.Accepted(acceptance, now, now + _options.ProcessingDelay);
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation of this message (membership was briefly unsettled) stored it first.
            await state.ReadStateAsync();
            return false;
        }
        catch
        {
            // Nothing was stored; a fresh activation starts from what storage holds.
            DeactivateOnIdle();
            throw;
        }

        Timer.Schedule(state.State.NextAttemptAt);
        await AppendToLogsAsync();
        return true;
    }

    public async Task<DateTimeOffset?> ExpireAsync()
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            return null;
        }

        if (!state.State.IsTerminal || _inProgress)
        {
            // Still being processed: looked at again later.
            return grainTimeProvider.GetUtcNow() + RetentionSchedule.RetryLater;
        }

        // Its dead-letter entry (same id) first, so that a purge failing half-way leaves the message
        // to be asked again, never an entry without it. The counters are not touched.
        await GrainFactory.GetGrain<IInboundDeadLetterInternalGrain>(Id).PurgeAsync();
        Timer.Cancel();
        await state.ClearStateAsync();
        if (await this.GetReminder(ProcessReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        DeactivateOnIdle();
        return null;
    }

    public Task<InboundMessage?> GetAsync() => Task.FromResult(state.RecordExists ? state.State.ToMessage(Id, _inProgress, withBody: true) : null);

    public Task<InboundMessage?> GetSummaryAsync() => Task.FromResult(state.RecordExists ? state.State.ToMessage(Id, _inProgress, withBody: false) : null);

    public async Task ReplayAsync()
    {
        if (!state.RecordExists)
        {
            throw new WebhookPlatformException(ErrorCodes.NotFound, $"Inbound message '{Id}' not found.");
        }

        if (state.State.Status != InboundMessageStatus.Failed)
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict,
                $"Inbound message '{Id}' is {state.State.Status.ToString().ToLowerInvariant()}; only a failed message can be replayed.");
        }

        await this.RegisterOrUpdateReminder(ProcessReminder, _options.ReminderPeriod, _options.ReminderPeriod);
        var now = grainTimeProvider.GetUtcNow();
        await RecordAsync(state.State with
        {
            Status = InboundMessageStatus.Received,
            Attempts = [],
            NextAttemptAt = now,
            UpdatedAt = now,
            ReplayCount = state.State.ReplayCount + 1,
        });
        instruments.InboundReplayed();
        InboundMessageLog.Replaying(logger, Id);
        Timer.Schedule(now);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ProcessReminder)
        {
            return;
        }

        if (!state.RecordExists || state.State.IsTerminal)
        {
            await this.UnregisterIfArmedAsync(ProcessReminder);
            return;
        }

        // The tick only schedules: the attempt runs on the timer, so a tick never waits on processing.
        if (!_inProgress && !Timer.IsPending)
        {
            Timer.Schedule(state.State.NextAttemptAt);
        }
    }

    private async Task AttemptAsync()
    {
        Timer.Cancel();
        if (_inProgress || !state.RecordExists || state.State.IsTerminal)
        {
            return;
        }

        _inProgress = true;
        try
        {
            await AttemptOnceAsync(state.State);
        }
        finally
        {
            _inProgress = false;
        }
    }

    private async Task AttemptOnceAsync(InboundMessageState current)
    {
        if (!_logged)
        {
            await AppendToLogsAsync();
        }

        var (attempt, parsed, failure) = await Processor.ProcessAsync(current);
        var now = grainTimeProvider.GetUtcNow();
        var next = failure is { Retryable: true }
            ? now + _options.Backoff(current.MaxAttempts).NextDelay(attempt.Number, failure.Code, null, Random.Shared.NextDouble())
            : null;
        var outcome = failure is null ? InboundAttemptOutcome.Processed
            : next is not null ? InboundAttemptOutcome.Retrying
            : InboundAttemptOutcome.Failed;

        try
        {
            await RecordOutcomeAsync(current, outcome, [.. current.Attempts, attempt], parsed, failure, next, now);
        }
        catch (Exception ex)
        {
            // The outcome could not be stored: forget it, so the reminder makes the attempt again
            // (publishing is idempotent per event id, so nothing reaches an endpoint twice).
            state.State = current;
            InboundMessageLog.RecordFailed(logger, Id, ex.Message);
            return;
        }

        Observe(current, outcome, attempt.DurationMs);
        await ConcludeAsync(current, outcome, attempt, parsed, failure, next);
    }

    private Task RecordOutcomeAsync(
        InboundMessageState current, InboundAttemptOutcome outcome, InboundAttempt[] attempts, InboundEvent? parsed, InboundFailure? failure, DateTimeOffset? next, DateTimeOffset now) =>
        outcome switch
        {
            InboundAttemptOutcome.Processed => RecordAsync(current with
            {
                Status = InboundMessageStatus.Processed,
                Attempts = attempts,
                NextAttemptAt = null,
                EventId = parsed!.EventId,
                EventType = parsed.EventType,
                ProcessedAt = now,
                UpdatedAt = now,
            }),
            InboundAttemptOutcome.Retrying => RecordAsync(current with { Status = InboundMessageStatus.Retrying, Attempts = attempts, NextAttemptAt = next, UpdatedAt = now }),
            _ => DeadLetterAsync(current, attempts, failure!, now),
        };

    /// <summary>Archives the message as a dead letter, then marks it failed.</summary>
    private async Task DeadLetterAsync(InboundMessageState current, InboundAttempt[] attempts, InboundFailure failure, DateTimeOffset now)
    {
        await GrainFactory.GetGrain<IInboundDeadLetterInternalGrain>(Id).ArchiveAsync(new InboundDeadLetter
        {
            Id = Id,
            SourceId = current.SourceId,
            ApplicationId = current.ApplicationId,
            Provider = current.Provider,
            ErrorCode = failure.Code,
            ErrorMessage = failure.Message,
            Attempts = attempts.Length,
            FailedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
            AttemptHistory = attempts,
        });
        await RecordAsync(current with { Status = InboundMessageStatus.Failed, Attempts = attempts, NextAttemptAt = null, UpdatedAt = now });
    }

    /// <summary>After a stored outcome: wait for the retry, or, when the message is finished, release its reminder and activation.</summary>
    private async Task ConcludeAsync(InboundMessageState current, InboundAttemptOutcome outcome, InboundAttempt attempt, InboundEvent? parsed, InboundFailure? failure, DateTimeOffset? next)
    {
        switch (outcome)
        {
            case InboundAttemptOutcome.Processed:
                InboundMessageLog.Processed(logger, Id, parsed!.EventType, parsed.EventId);
                break;
            case InboundAttemptOutcome.Retrying:
                InboundMessageLog.Retrying(logger, Id, attempt.Number, current.MaxAttempts, failure!.Code, next!.Value);
                Timer.Schedule(next);
                return;
            default:
                InboundMessageLog.DeadLettered(logger, Id, attempt.Number, failure!.Code, failure.Message);
                break;
        }

        await this.UnregisterIfArmedAsync(ProcessReminder);
        DeactivateOnIdle();
    }

    private void Observe(InboundMessageState before, InboundAttemptOutcome outcome, double durationMs) =>
        instruments.InboundAttempted(before.Provider, before.Status, outcome, durationMs);

    /// <summary>
    /// Writes the new state. Should another activation have written meanwhile (possible while
    /// membership settles), the stored state is kept if it is at least as far along.
    /// </summary>
    private Task RecordAsync(InboundMessageState desired) =>
        MonotonicState.WriteAsync(state, desired, (stored, wanted) => stored.IsTerminal || stored.Attempts.Length >= wanted.Attempts.Length);

    /// <summary>
    /// Lists the message (in every message's log and its source's). A failure is not the sender's
    /// problem: the first attempt tries again.
    /// </summary>
    private async Task AppendToLogsAsync()
    {
        var entry = new DeliveryLogEntry(Id, state.State.ReceivedAt);
        try
        {
            await Task.WhenAll(
                GrainFactory.GetGrain<IDeliveryLogGrain>(InboundLogs.All).AppendAsync(entry),
                GrainFactory.GetGrain<IDeliveryLogGrain>(InboundLogs.OfSource(state.State.SourceId)).AppendAsync(entry));
            _logged = true;
        }
        catch (Exception ex) when (ex is not InconsistentStateException)
        {
            InboundMessageLog.ListingFailed(logger, Id, ex.Message);
        }
    }
}
