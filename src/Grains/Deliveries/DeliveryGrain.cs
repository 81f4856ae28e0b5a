using Akademia.Webhooks.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Deliveries;

[GenerateSerializer, Alias("akademia.DeliveryState")]
public sealed record DeliveryState
{
    [Id(0)] public required string EventId { get; init; }

    [Id(1)] public required string EndpointId { get; init; }

    [Id(2)] public required string EventType { get; init; }

    [Id(3)] public required string WebhookId { get; init; }

    [Id(4)] public DeliveryStatus Status { get; init; }

    [Id(5)] public DeliveryAttempt[] Attempts { get; init; } = [];

    [Id(6)] public DateTimeOffset CreatedAt { get; init; }

    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }

    [Id(8)] public DateTimeOffset? NextAttemptAt { get; init; }

    public bool IsTerminal => Status is not DeliveryStatus.Pending;
}

/// <summary>
/// The delivery of one event to one endpoint. A delivery that succeeds first time costs one state
/// write and no reminder: the event's fan-out reminder covers it until it settles. Only a failed
/// attempt arms this grain's own reminder, which then drives the retry ladder.
/// </summary>
[GrainType("delivery")]
public sealed partial class DeliveryGrain(
    [PersistentState("delivery", StorageNames.Webhooks)] IPersistentState<DeliveryState> state,
    WebhookSender sender,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<DeliveryGrain> logger)
    : Grain, IDeliveryGrain, IDeliveryWorkerGrain, IRemindable
{
    public const string RetryReminder = "retry";

    private readonly DeliveryOptions _options = options.Value;
    private readonly RetrySchedule _schedule = new(options.Value.EffectiveRetryDelays, options.Value.JitterFactor);

    // Shown to readers while the first attempt is in flight, before anything is stored.
    private DeliveryState? _provisional;

    private string Id => this.GetPrimaryKeyString();

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

        var now = timeProvider.GetUtcNow();
        _provisional = new DeliveryState
        {
            EventId = start.EventId,
            EndpointId = start.EndpointId,
            EventType = start.EventType,
            WebhookId = WebhookIds.DeliveryId(start.EventId, start.EndpointId),
            Status = DeliveryStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            NextAttemptAt = now,
        };

        await GrainFactory.GetGrain<IDeliveryLogGrain>(start.EndpointId).AppendAsync(new DeliveryLogEntry(Id, now));
        await AttemptAsync(_provisional, start.Body);
        _provisional = null;
        NotifySettled(start);
    }

    public async Task AttemptIfDueAsync()
    {
        if (!state.RecordExists || state.State.IsTerminal)
        {
            await DisarmRetryAsync();
            return;
        }

        if (state.State.NextAttemptAt is { } due && due > timeProvider.GetUtcNow())
        {
            return;
        }

        var body = await GrainFactory.GetGrain<IEventGrain>(state.State.EventId).GetBodyAsync();
        if (body is null)
        {
            LogEventMissing(logger, Id, state.State.EventId);
            return;
        }

        await AttemptAsync(state.State, body);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The attempt runs in its own one-way call, so a tick never waits on a receiver and
        // never times out the reminder service.
        return reminderName == RetryReminder
            ? this.AsReference<IDeliveryWorkerGrain>().AttemptIfDueAsync()
            : Task.CompletedTask;
    }

    private async Task AttemptAsync(DeliveryState current, string body)
    {
        var target = await GrainFactory.GetGrain<IEndpointTargetGrain>(current.EndpointId).GetTargetAsync();
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
        var attempt = await sender.SendAsync(target, current.EventId, current.WebhookId, body, number);
        var attempts = current.Attempts.Append(attempt).ToArray();
        now = timeProvider.GetUtcNow();

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

        if (_schedule.NextDelay(number, Random.Shared.NextDouble()) is { } delay)
        {
            var next = now + delay;
            LogAttemptFailed(logger, Id, number, attempt.StatusCode, attempt.ErrorCode, delay);
            await RecordAsync(current with { Attempts = attempts, NextAttemptAt = next, UpdatedAt = now });
            await ArmRetryAsync(next);
            DeactivateOnIdle();
            return;
        }

        LogExhausted(logger, Id, number);
        await RecordAsync(current with { Status = DeliveryStatus.DeadLettered, Attempts = attempts, NextAttemptAt = null, UpdatedAt = now });
        await DisarmRetryAsync();
        DeactivateOnIdle();
    }

    /// <summary>
    /// Writes the new state. Should another activation have written meanwhile (possible while
    /// membership settles), the stored state is reloaded and kept if it is at least as far along,
    /// so the recorded history never goes backwards.
    /// </summary>
    private async Task RecordAsync(DeliveryState desired)
    {
        state.State = desired;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            if (state.RecordExists && (state.State.IsTerminal || state.State.Attempts.Length >= desired.Attempts.Length))
            {
                return;
            }

            state.State = desired;
            await state.WriteStateAsync();
        }
    }

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
        WebhookId = s.WebhookId,
        Status = s.Status,
        Attempts = s.Attempts,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
        NextAttemptAt = s.NextAttemptAt,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} attempt {Attempt} failed (status {Status}, error {ErrorCode}); next attempt in {Delay}")]
    private static partial void LogAttemptFailed(ILogger logger, string deliveryId, int attempt, int? status, string? errorCode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} failed all {Attempts} attempts")]
    private static partial void LogExhausted(ILogger logger, string deliveryId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} cannot find its event {EventId}")]
    private static partial void LogEventMissing(ILogger logger, string deliveryId, string eventId);
}
