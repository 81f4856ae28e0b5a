namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One API key managed through the API; the grain key is the key's id (<see cref="ApiKeyTokens.IdOf"/>).
/// It keeps the key's SHA-256 only.
/// </summary>
[Alias("akademia.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the key and lists it. Throws <see cref="ValidationFailedException"/> for a bad definition
    /// (also a digest whose id is not this grain's) and <c>CONFLICT</c> when the key exists.
    /// </summary>
    [Alias("CreateAsync")]
    Task<ApiKeyDetails> CreateAsync(ApiKeyDefinition definition);

    /// <summary>The key, revoked or not, or null when there is none.</summary>
    [Alias("GetAsync")]
    Task<ApiKeyDetails?> GetAsync();

    /// <summary>
    /// The key if <paramref name="digest"/> is its digest (compared in constant time), revoked or
    /// expired keys included, so the caller can cache the answer and decide by its own clock; otherwise null.
    /// </summary>
    [Alias("VerifyAsync")]
    Task<ApiKeyDetails?> VerifyAsync(byte[] digest);

    /// <summary>Revokes the key for good; revoking it again changes nothing. Throws <c>NOT_FOUND</c> when there is none.</summary>
    [Alias("RevokeAsync")]
    Task<ApiKeyDetails> RevokeAsync();
}
