namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>The listing of API keys, in pages of bounded size; one grain, <see cref="Key"/>.</summary>
[Alias("akademia.IApiKeyDirectoryGrain")]
public interface IApiKeyDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The directory's grain key.</summary>
    public const string Key = "api-keys";

    /// <summary>
    /// Keys newest first; <paramref name="limit"/> is 1–100, <paramref name="cursor"/> a previous page's
    /// <see cref="ApiKeyPage.NextCursor"/>. Throws <see cref="ValidationFailedException"/> for a bad cursor.
    /// </summary>
    [Alias("ListAsync")]
    Task<ApiKeyPage> ListAsync(int limit, string? cursor);
}
