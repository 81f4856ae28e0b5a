namespace Akademia.Webhooks.Grains.ApiKeys;

/// <summary>The directory's facet for the key grains: listing a new key, and updating a listed one.</summary>
[Alias("akademia.IApiKeyDirectoryInternalGrain")]
public interface IApiKeyDirectoryInternalGrain : IGrainWithStringKey
{
    /// <summary>Lists <paramref name="key"/> on the newest page (a new one when it is full); returns the page number.</summary>
    [Alias("AppendAsync")]
    Task<long> AppendAsync(ApiKeyDetails key);
}
