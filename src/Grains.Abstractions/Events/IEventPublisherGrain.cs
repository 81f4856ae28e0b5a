namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Publishes events. Stateless and scaled out on every silo: call it with key 0.
/// </summary>
[Alias("akademia.IEventPublisherGrain")]
public interface IEventPublisherGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Validates and durably stores the event, then schedules its deliveries. It answers before any
    /// delivery is attempted. Throws <see cref="ValidationFailedException"/> for bad input, and a
    /// <see cref="WebhookPlatformException"/> with code <c>CONFLICT</c> (its <c>Details["eventId"]</c>
    /// naming the event) when the id, or the idempotency key, was used for a different request.
    /// </summary>
    [Alias("PublishAsync")]
    Task<PublishResult> PublishAsync(PublishRequest request);

    /// <summary>
    /// Erases the body of event <paramref name="eventId"/> of <paramref name="applicationId"/> (<c>null</c>
    /// for <see cref="ApplicationIds.Default"/>) and its copies in dead-letter entries, for a privacy
    /// request; the delivery metadata stays, and deliveries still pending end canceled. Idempotent; it
    /// works whether or not a copy was already purged. Throws <see cref="WebhookPlatformException"/>
    /// with code <c>NOT_FOUND</c> when the event is unknown (never published, or purged by retention).
    /// </summary>
    [Alias("ErasePayloadAsync")]
    Task<PayloadErasure> ErasePayloadAsync(string? applicationId, string eventId);
}
