using System.Globalization;
using System.Text;
using System.Text.Json;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.Retention;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Events;

/// <summary>
/// One published event. It is durably stored, with a reminder armed, before publish answers; the
/// reminder then re-drives the fan-out until every delivery has durably settled, so no crash
/// between the answer and the first attempts can lose a delivery.
/// </summary>
[GrainType("event")]
public sealed partial class EventGrain(
    [PersistentState("event", StorageNames.Webhooks)] IPersistentState<EventState> state,
    IOptions<DeliveryOptions> options,
    RetentionPeriods retention,
    PlatformInstruments instruments,
    TimeProvider timeProvider,
    ILogger<EventGrain> logger)
    : Grain, IEventGrain, IRetainedInternalGrain, IRemindable
{
    public const string FanOutReminder = "fan-out";

    // Endpoints whose delivery has not confirmed it is settled; null until this activation knows.
    private HashSet<string>? _unsettled;

    // The fingerprint of an event stored without one, derived once per activation.
    private string? _legacyContentHash;

    // The key carries the application (see EventKeys); the id is the event's own, as receivers see it.
    private (string ApplicationId, string EventId) Key => EventKeys.Parse(this.GetPrimaryKeyString());

    private string Id => Key.EventId;

    public Task<PublishResult> PublishAsync(string type, string data) => PublishAsync(type, data, excludedEndpointId: null, refuseDifferentRepeat: true);

    // Operational events keep the first publish's result for any repeat: their ids name the
    // occasion, and a repeat (another activation noticing the same occasion) may word it differently.
    public Task<PublishResult> PublishExcludingAsync(string type, string data, string excludedEndpointId) =>
        PublishAsync(type, data, excludedEndpointId, refuseDifferentRepeat: false);

    private async Task<PublishResult> PublishAsync(string type, string data, string? excludedEndpointId, bool refuseDifferentRepeat)
    {
        var contentHash = EventFingerprint.OfContent(type, data);
        if (state.RecordExists)
        {
            return RepeatResult(contentHash, refuseDifferentRepeat);
        }

        // The application's own directory, which also answers NOT_FOUND for an application that does not
        // exist: the same one call as before applications.
        var subscribers = await GrainFactory.GetGrain<IEndpointDirectoryInternalGrain>(Key.ApplicationId).GetSubscribersAsync(type);
        if (excludedEndpointId is not null)
        {
            subscribers = [.. subscribers.Where(id => id != excludedEndpointId)];
        }

        var createdAt = timeProvider.GetUtcNow();
        var retainUntil = await retention.DueAtAsync(Key.ApplicationId, createdAt);
        var eventState = new EventState
        {
            Type = type,
            Body = BuildBody(Id, type, createdAt, data),
            EndpointIds = subscribers,
            CreatedAt = createdAt,
            ContentHash = contentHash,
            RetainUntil = retainUntil,
        };

        // Filed, and armed, before the state is written, side by side: a crash in between leaves a
        // filing and a reminder that find no state (the purge and the re-drive do nothing), and the
        // publisher, having had no answer, publishes again.
        var filed = GrainFactory.GetGrain<IRetentionBucketInternalGrain>(RetentionSchedule.BucketKeyFor(this.GetPrimaryKeyString(), retainUntil))
            .AddAsync(new RetentionFiling(RetentionKind.Event, this.GetPrimaryKeyString()));
        if (subscribers.Length > 0)
        {
            await Task.WhenAll(filed, this.RegisterOrUpdateReminder(FanOutReminder, options.Value.FanOutRedrivePeriod, options.Value.FanOutRedrivePeriod));
        }
        else
        {
            await filed;
        }

        state.State = eventState;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation of this event (membership was briefly unsettled) stored it first:
            // its result is the result, and its fan-out is already armed.
            await state.ReadStateAsync();
            return RepeatResult(contentHash, refuseDifferentRepeat);
        }

        instruments.EventPublished(fannedOut: subscribers.Length > 0);
        _unsettled = [.. subscribers];
        Dispatch(subscribers, redrive: false);
        if (subscribers.Length == 0)
        {
            // Nothing to fan out: the stored event is all there is (a repeated publish reads it again).
            DeactivateOnIdle();
        }

        return Result;
    }

    // An erased body is no body: a delivery that would send it finds none (pending ones were canceled).
    public Task<string?> GetBodyAsync() => Task.FromResult(state.RecordExists && state.State.PayloadErasedAt is null ? state.State.Body : null);

    public async Task<PayloadErasure?> ErasePayloadAsync()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        if (state.State.PayloadErasedAt is null)
        {
            state.State = state.State with { Body = string.Empty, PayloadErasedAt = timeProvider.GetUtcNow() };
            await state.WriteStateAsync();

            // No re-drive may start a delivery with the erased body: what is pending is canceled below.
            _unsettled = [];
            await UnregisterFanOutReminderAsync();
        }

        // Again on a repeat: a copy archived after the first erasure is erased too.
        var erased = await Task.WhenAll(state.State.EndpointIds.Select(endpointId => EventRetention.EraseDeliveryAsync(GrainFactory, PlatformIds.DeliveryId(Id, endpointId))));
        return new PayloadErasure
        {
            EventId = Id,
            PayloadErasedAt = state.State.PayloadErasedAt!.Value,
            DeadLetterCopiesErased = erased.Sum(e => e.Copies),
            DeliveriesCanceled = erased.Sum(e => e.Canceled),
        };
    }

    public async Task<DateTimeOffset?> ExpireAsync()
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            return null;
        }

        var now = timeProvider.GetUtcNow();
        if (state.State.RetainUntil is { } until && until > now)
        {
            // Filed early (another silo's clock): not before its time.
            return until;
        }

        // Its deliveries, their dead letters and replays first: should this fail half-way, the event
        // is still here to be asked again. A delivery still pending keeps the event until it settles.
        var purged = await Task.WhenAll(state.State.EndpointIds.Select(endpointId => EventRetention.ExpireDeliveryAsync(GrainFactory, PlatformIds.DeliveryId(Id, endpointId))));
        if (purged.Any(done => !done))
        {
            return now + RetentionSchedule.RetryLater;
        }

        await UnregisterFanOutReminderAsync();
        await state.ClearStateAsync();
        _unsettled = null;
        DeactivateOnIdle();
        return null;
    }

    public async Task DeliverySettledAsync(string endpointId)
    {
        if (_unsettled is null || !_unsettled.Remove(endpointId) || _unsettled.Count > 0)
        {
            return;
        }

        instruments.FanOutSettled();
        await UnregisterFanOutReminderAsync();

        // Settled: nothing is left for this activation to do. Retries read the body from storage
        // and a repeated publish reads the result; without this every event published stayed
        // active, with its body, until idle collection.
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != FanOutReminder)
        {
            return;
        }

        if (!state.RecordExists || _unsettled is { Count: 0 } || state.State.PayloadErasedAt is not null)
        {
            await UnregisterFanOutReminderAsync();
            DeactivateOnIdle();
            return;
        }

        // A fresh activation cannot know which deliveries settled: ask them all again; the settled
        // ones only confirm.
        _unsettled ??= [.. state.State.EndpointIds];
        LogRedrive(logger, Id, _unsettled.Count);
        Dispatch([.. _unsettled], redrive: true);
    }

    private PublishResult Result => new(Id, state.State.EndpointIds.Length);

    /// <summary>
    /// A repeat of this id answers the original result when it carries the same type and data (the
    /// specification's idempotency), and CONFLICT, naming the event, when it does not: answering the
    /// first result would tell the caller that an event it never stored was published.
    /// </summary>
    private PublishResult RepeatResult(string contentHash, bool refuseDifferentRepeat)
    {
        if (refuseDifferentRepeat && !string.Equals(StoredContentHash(), contentHash, StringComparison.Ordinal))
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict,
                $"Event '{Id}' was already published with a different type or data; publish a new event under another id.",
                new() { ["eventId"] = Id });
        }

        return Result;
    }

    private string StoredContentHash() =>
        state.State.ContentHash ?? (_legacyContentHash ??= EventFingerprint.OfStoredBody(state.State.Type, state.State.Body));

    private void Dispatch(IEnumerable<string> endpointIds, bool redrive)
    {
        foreach (var endpointId in endpointIds)
        {
            // One-way: the publisher is answered without waiting for any receiver.
            _ = GrainFactory.GetGrain<IDeliveryInternalGrain>(PlatformIds.DeliveryId(Id, endpointId)).StartAsync(new DeliveryStart
            {
                EventId = Id,
                EndpointId = endpointId,
                EventType = state.State.Type,
                Body = state.State.Body,
                Redrive = redrive,
                EventCreatedAt = state.State.CreatedAt,
                ApplicationId = Key.ApplicationId,
            });
        }
    }

    private async Task UnregisterFanOutReminderAsync()
    {
        if (await this.GetReminder(FanOutReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    internal static string BuildBody(string id, string type, DateTimeOffset timestamp, string data)
    {
        using var buffer = new MemoryStream(data.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            writer.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("data");
            writer.WriteRawValue(data, skipInputValidation: false);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-driving fan-out of event {EventId} to {Count} unsettled deliveries")]
    private static partial void LogRedrive(ILogger logger, string eventId, int count);
}
