using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Grains;

// Silo-internal grain interfaces: they are public only because Orleans' code generator needs them to
// be; they are not part of the Grains.Abstractions contract and may change between versions.

[Alias("akademia.internal.IEndpointIndexGrain")]
public interface IEndpointIndexGrain : IGrainWithStringKey
{
    [Alias("UpsertAsync")]
    Task UpsertAsync(WebhookEndpoint endpoint);

    /// <summary>Ids of the active, undeleted endpoints subscribed to <paramref name="eventType"/>.</summary>
    [Alias("GetSubscribersAsync"), ReadOnly]
    Task<string[]> GetSubscribersAsync(string eventType);
}

[Alias("akademia.internal.IEndpointTargetGrain")]
public interface IEndpointTargetGrain : IGrainWithStringKey
{
    /// <summary>What an attempt needs, including the secrets; <c>null</c> when the endpoint never existed.</summary>
    [Alias("GetTargetAsync"), ReadOnly]
    Task<DeliveryTarget?> GetTargetAsync();

    /// <summary>An attempt's outcome, for the endpoint's health, operational events and auto-disable.</summary>
    [Alias("ReportAttemptAsync"), OneWay]
    Task ReportAttemptAsync(Endpoints.AttemptReport report);
}

[Alias("akademia.internal.IEventTypeCatalogGrain")]
public interface IEventTypeCatalogGrain : IGrainWithStringKey
{
    [Alias("IsKnownAsync"), ReadOnly]
    Task<bool> IsKnownAsync(string name);

    [Alias("GetKnownAsync"), ReadOnly]
    Task<string[]> GetKnownAsync(string[] names);
}

[Alias("akademia.internal.IEventGrain")]
public interface IEventGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the event and arms its fan-out; idempotent per event id. A repeat with the same type and
    /// data answers the original result; one with another type or data throws <c>CONFLICT</c>.
    /// </summary>
    [Alias("PublishAsync")]
    Task<PublishResult> PublishAsync(string type, string data);

    /// <summary>Like <see cref="PublishAsync"/>, but never delivered to <paramref name="excludedEndpointId"/>: for operational events about that endpoint.</summary>
    [Alias("PublishExcludingAsync")]
    Task<PublishResult> PublishExcludingAsync(string type, string data, string excludedEndpointId);

    /// <summary>The exact body sent to endpoints, or <c>null</c> when the event is unknown.</summary>
    [Alias("GetBodyAsync"), ReadOnly]
    Task<string?> GetBodyAsync();

    /// <summary>A delivery has durably recorded an outcome or armed its own retry.</summary>
    [Alias("DeliverySettledAsync"), OneWay]
    Task DeliverySettledAsync(string endpointId);
}

[GenerateSerializer, Alias("akademia.internal.DeliveryStart")]
public sealed record DeliveryStart
{
    [Id(0)] public required string EventId { get; init; }

    [Id(1)] public required string EndpointId { get; init; }

    [Id(2)] public required string EventType { get; init; }

    [Id(3)] public required string Body { get; init; }

    /// <summary>Whether the event grain should be told once the delivery is settled.</summary>
    [Id(4)] public bool NotifyEvent { get; init; } = true;

    /// <summary>
    /// Sent again by the event's re-drive, not by its first fan-out: an earlier activation may have
    /// listed the delivery already, so the delivery log is asked to list it only once.
    /// </summary>
    [Id(5)] public bool Redrive { get; init; }

    /// <summary>When the event was stored: no listing of this delivery can be older.</summary>
    [Id(6)] public DateTimeOffset EventCreatedAt { get; init; }
}

[Alias("akademia.internal.IDeliveryWorkerGrain")]
public interface IDeliveryWorkerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes the first attempt unless the delivery already exists. One-way: the caller never waits for the
    /// receiver. Repeats are harmless.
    /// </summary>
    [Alias("StartAsync"), OneWay]
    Task StartAsync(DeliveryStart start);

    /// <summary>
    /// Makes the next attempt if one is due, or at once when <paramref name="force"/>. One-way, so
    /// reminder ticks never wait on a receiver.
    /// </summary>
    [Alias("AttemptIfDueAsync"), OneWay]
    Task AttemptIfDueAsync(bool force);

    /// <summary>The endpoint's bulkhead has granted this delivery the slot it queued for.</summary>
    [Alias("SlotGrantedAsync"), OneWay]
    Task SlotGrantedAsync();

    /// <summary>
    /// Creates a delivery durably (state written, reminder armed) and then attempts it at once.
    /// Used for replays, which answer only once the new delivery cannot be lost.
    /// </summary>
    [Alias("ScheduleAsync")]
    Task ScheduleAsync(DeliverySchedule schedule);

    /// <summary>Asks a pending delivery to attempt now if due (or regardless, when forced); true if it will.</summary>
    [Alias("ProcessNowAsync")]
    Task<bool> ProcessNowAsync(bool force);
}

[GenerateSerializer, Alias("akademia.internal.DeliverySchedule")]
public sealed record DeliverySchedule
{
    [Id(0)] public required string EventId { get; init; }

    [Id(1)] public required string EndpointId { get; init; }

    [Id(2)] public required string EventType { get; init; }

    [Id(3)] public required string WebhookId { get; init; }
}

[GenerateSerializer, Alias("akademia.internal.DeliveryLogEntry")]
public sealed record DeliveryLogEntry(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] DateTimeOffset CreatedAt);

[Alias("akademia.internal.IDeliveryLogGrain")]
public interface IDeliveryLogGrain : IGrainWithStringKey
{
    [Alias("AppendAsync")]
    Task AppendAsync(DeliveryLogEntry entry);

    /// <summary>
    /// Appends unless the delivery is listed already, looking back through sealed segments as far as
    /// entries created at <paramref name="notBefore"/>: for deliveries that may have been listed by
    /// an activation lost in a crash. Dearer than <see cref="AppendAsync"/>, so only for those.
    /// </summary>
    [Alias("AppendOnceAsync")]
    Task AppendOnceAsync(DeliveryLogEntry entry, DateTimeOffset notBefore);

    /// <summary>Newest first, starting after <paramref name="cursor"/>.</summary>
    [Alias("ReadAsync"), ReadOnly]
    Task<(DeliveryLogEntry[] Entries, string? NextCursor)> ReadAsync(int limit, string? cursor);
}

[Alias("akademia.internal.IDeliveryLogSegmentGrain")]
public interface IDeliveryLogSegmentGrain : IGrainWithStringKey
{
    [Alias("SealAsync")]
    Task SealAsync(DeliveryLogEntry[] entries);

    [Alias("GetAsync"), ReadOnly]
    Task<DeliveryLogEntry[]> GetAsync();
}

[Alias("akademia.internal.IStorageProbeGrain")]
public interface IStorageProbeGrain : IGrainWithStringKey
{
    [Alias("CheckAsync")]
    Task<ComponentHealth> CheckAsync();
}
