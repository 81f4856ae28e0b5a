using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>
/// Finds managed API keys and portal tokens for authentication: one grain call the first time a
/// credential is seen, then none until <see cref="AuthCacheOptions.MaxAge"/> has passed (or a token
/// has expired). The cache is keyed by the credential's SHA-256; it never holds the credential.
/// A failed grain call throws, so an unreachable cluster answers 503, not 401.
/// </summary>
internal sealed class CredentialLookup(
    IGrainFactory grains,
    IOptions<AuthCacheOptions> options,
    [FromKeyedServices(CredentialLookup.ClockKey)] TimeProvider clock)
{
    /// <summary>The keyed <see cref="TimeProvider"/> the cache and expiries are judged by: the gateway's clock unless a test moves its own.</summary>
    public const string ClockKey = "Akademia.Authentication";

    private readonly CredentialCache<ApiKeyDetails> _keys = new(options.Value.Capacity, options.Value.MaxAge, clock);
    private readonly CredentialCache<PortalGrant> _portalTokens = new(options.Value.Capacity, options.Value.MaxAge, clock);

    /// <summary>The live key <paramref name="presented"/> is, or null when it is unknown, revoked or expired.</summary>
    public async Task<ApiKeyDetails?> FindKeyAsync(string presented)
    {
        var digest = ApiKeyTokens.Digest(presented);
        var cacheKey = Convert.ToHexStringLower(digest);
        if (!_keys.TryGet(cacheKey, out var key))
        {
            key = await Unavailable(() => grains.GetGrain<IApiKeyGrain>(ApiKeyTokens.IdOf(digest)).VerifyAsync(digest));
            _keys.Set(cacheKey, key);
        }

        return key is not null && key.IsLiveAt(clock.GetUtcNow()) ? key : null;
    }

    /// <summary>
    /// Whether the credential of <paramref name="digest"/> (its SHA-256) is a managed key or portal token
    /// this gateway has already found live, and still would: the cache only, never a grain call, so
    /// the rate limiter can count such a caller by its key without letting made-up keys cost a call.
    /// </summary>
    public bool IsKnownLive(byte[] digest)
    {
        var cacheKey = Convert.ToHexStringLower(digest);
        var now = clock.GetUtcNow();
        return (_keys.TryGet(cacheKey, out var key) && key is not null && key.IsLiveAt(now))
            || (_portalTokens.TryGet(cacheKey, out var grant) && grant is not null && now < grant.ExpiresAt);
    }

    /// <summary>What the portal token grants, or null when it is forged, revoked or expired.</summary>
    public async Task<PortalGrant?> FindPortalGrantAsync(string presented)
    {
        if (PortalTokens.ClaimedApplication(presented) is not { } applicationId)
        {
            return null;
        }

        var cacheKey = Convert.ToHexStringLower(ApiKeyTokens.Digest(presented));
        if (!_portalTokens.TryGet(cacheKey, out var grant))
        {
            grant = await Unavailable(() => grains.GetGrain<IPortalAccessGrain>(applicationId).VerifyAsync(presented));
            _portalTokens.Set(cacheKey, grant, grant?.ExpiresAt);
        }

        return grant is not null && clock.GetUtcNow() < grant.ExpiresAt ? grant : null;
    }

    // A verification that could not be made is an outage, whatever the client's transport threw: the
    // caller gets 503 and retries, never 401 (the key may be fine) nor 500.
    private static async Task<T> Unavailable<T>(Func<Task<T>> verify)
    {
        try
        {
            return await verify();
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or WebhookPlatformException))
        {
            throw new WebhookPlatformException(ErrorCodes.ServiceUnavailable, "The platform is temporarily unavailable; retry later.");
        }
    }
}
