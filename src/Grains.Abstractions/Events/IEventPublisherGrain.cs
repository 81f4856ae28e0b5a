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
}
