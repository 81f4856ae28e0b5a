namespace Akademia.Webhooks.Grains.ApiKeys;

/// <summary>One page of the key directory: at most <see cref="ApiKeyPageGrain.Capacity"/> keys, oldest first; the grain key is the page number.</summary>
[Alias("akademia.IApiKeyPageGrain")]
public interface IApiKeyPageGrain : IGrainWithIntegerKey
{
    /// <summary>Adds the key (or replaces it if listed); false when the page is full.</summary>
    [Alias("TryAddAsync")]
    Task<bool> TryAddAsync(ApiKeyDetails key);

    /// <summary>Replaces the listed key of the same id; does nothing when it is not on this page.</summary>
    [Alias("UpdateAsync")]
    Task UpdateAsync(ApiKeyDetails key);

    /// <summary>The keys at positions before <paramref name="before"/> (all when null), newest first, at most <paramref name="limit"/>, and how many the page holds.</summary>
    [Alias("ReadAsync")]
    Task<(ApiKeyDetails[] Keys, int Count)> ReadAsync(int? before, int limit);
}
