namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// A provider's event, ready to publish on the platform.
/// </summary>
/// <param name="DedupeKey">The provider's id for the message, or <c>sha256_</c> + hex of source and body.</param>
/// <param name="EventId">The platform event id: the provider's event id within the platform's id rules.</param>
/// <param name="ProviderType">The provider's own event type, such as <c>payment_intent.succeeded</c>.</param>
/// <param name="EventType">The platform event type: the source's prefix and the sanitized provider type.</param>
/// <param name="Data">The raw body as text: the platform event's data.</param>
public sealed record InboundEvent(string DedupeKey, string EventId, string ProviderType, string EventType, string Data);
