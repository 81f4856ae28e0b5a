namespace Akademia.Webhooks.Grains.Events;

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

    /// <summary>Erases the stored body and its dead-letter copies; <c>null</c> when the event is unknown. See <see cref="IEventPublisherGrain.ErasePayloadAsync"/>.</summary>
    [Alias("ErasePayloadAsync")]
    Task<PayloadErasure?> ErasePayloadAsync();

    /// <summary>A delivery has durably recorded an outcome or armed its own retry.</summary>
    [Alias("DeliverySettledAsync"), OneWay]
    Task DeliverySettledAsync(string endpointId);
}
