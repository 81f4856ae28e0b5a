namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One fixed-window request counter, shared by every gateway: the key names the tier, client and
/// path. Gateways call it once per request.
/// </summary>
[Alias("akademia.IRateLimitGrain")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>Counts one request against <paramref name="limit"/> per <paramref name="window"/>.</summary>
    [Alias("TryAcquireAsync")]
    Task<RateLimitDecision> TryAcquireAsync(int limit, TimeSpan window);
}
