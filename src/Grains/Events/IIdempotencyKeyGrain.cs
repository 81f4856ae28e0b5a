namespace Akademia.Webhooks.Grains.Events;

/// <summary>
/// One idempotency key of one caller, keyed by <see cref="IdempotencyKeyGrain.KeyFor"/>. Silo-internal:
/// public only for Orleans' code generator.
/// </summary>
[Alias("akademia.internal.IIdempotencyKeyGrain")]
public interface IIdempotencyKeyGrain : IGrainWithStringKey
{
    /// <summary>
    /// The event id to publish under: <paramref name="eventId"/> when the key is new or expired (it
    /// is then stored with <paramref name="requestHash"/>), the stored one when the key is live and
    /// the hash matches. Throws <c>CONFLICT</c>, naming the stored event, when it does not.
    /// </summary>
    [Alias("ClaimAsync")]
    Task<string> ClaimAsync(string requestHash, string eventId);
}
