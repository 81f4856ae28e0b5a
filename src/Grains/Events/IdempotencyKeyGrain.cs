using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Events;

/// <summary>
/// Remembers which event an idempotency key published, for <see cref="IdempotencyOptions.KeyRetention"/>.
/// The first publish with a key costs one small state write; a repeat reads only. Being one grain per
/// key, concurrent repeats are answered one after the other, so a key never publishes twice.
/// </summary>
/// <remarks>
/// Expiry is enforced when the key is read, not by deleting it: a reminder or timer per key would cost
/// more than the key (a reminder is a write of its own). A key that is never used again therefore
/// stays in storage as one small record; an expired one is overwritten when the key is reused.
/// </remarks>
[GrainType("idempotency-key")]
public sealed class IdempotencyKeyGrain(
    [PersistentState("idempotency", StorageNames.Webhooks)] IPersistentState<IdempotencyKeyState> state,
    IOptions<IdempotencyOptions> options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider timeProvider)
    : Grain, IIdempotencyKeyGrain
{
    /// <summary>
    /// <c>{scope}/{hex SHA-256 of the key}</c>: bounded in length and free of the key's characters,
    /// and scoped, so the same key of two callers is two grains.
    /// </summary>
    public static string KeyFor(string scope, string key) =>
        scope + "/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task<string> ClaimAsync(string requestHash, string eventId)
    {
        // Whatever the answer, the key is not needed in memory until a retry, which is rare.
        DeactivateOnIdle();
        if (Live() is { } claimed)
        {
            return Matching(claimed, requestHash);
        }

        var previous = state.State;
        state.State = new IdempotencyKeyState { EventId = eventId, RequestHash = requestHash, ExpiresAt = timeProvider.GetUtcNow() + options.Value.KeyRetention };
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation of this key (membership was briefly unsettled) stored it first.
            await state.ReadStateAsync();
            return Live() is { } stored ? Matching(stored, requestHash) : throw new WebhookPlatformException(ErrorCodes.ServiceUnavailable, "The idempotency key could not be stored; retry.");
        }
        catch
        {
            // Nothing was stored: this activation must not answer from the claim it failed to keep.
            state.State = previous;
            throw;
        }

        return eventId;
    }

    private IdempotencyKeyState? Live() => state.RecordExists && state.State.ExpiresAt > timeProvider.GetUtcNow() ? state.State : null;

    private static string Matching(IdempotencyKeyState claimed, string requestHash) =>
        string.Equals(claimed.RequestHash, requestHash, StringComparison.Ordinal)
            ? claimed.EventId
            : throw new WebhookPlatformException(ErrorCodes.Conflict,
                "This Idempotency-Key was already used with a different request (another id, type or data); use a new key for a new event.",
                new() { ["eventId"] = claimed.EventId });
}
