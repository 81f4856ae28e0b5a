using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Hosting;

/// <summary>The configured keys as SHA-256 digests; the plaintext of a configured key is not kept.</summary>
public sealed class ApiKeyStore
{
    private readonly (byte[] Digest, ApiKeyEntry Entry, string CallerScope)[] _keys;

    public ApiKeyStore(IOptions<AuthOptions> options) =>
        _keys = [.. options.Value.ApiKeys.Select(e => e.KeyHash is { } hash ? Convert.FromHexString(hash) : SHA256.HashData(Encoding.UTF8.GetBytes(e.Key!)))
            .Zip(options.Value.ApiKeys, (digest, e) => (digest, new ApiKeyEntry { Name = e.Name, Roles = e.Roles }, CallerScopeOf(digest)))];

    public ApiKeyEntry? Find(string presented) => Find(presented, out _);

    /// <summary>
    /// The entry of <paramref name="presented"/>, and its caller scope: what the caller's idempotency
    /// keys are kept under.
    /// </summary>
    public ApiKeyEntry? Find(string presented, out string? callerScope) => Find(Digest(presented), out callerScope);

    /// <summary>The SHA-256 of a presented key, as the configured keys are kept.</summary>
    public static byte[] Digest(string presented) => SHA256.HashData(Encoding.UTF8.GetBytes(presented));

    /// <summary>The entry whose key has <paramref name="digest"/> (see <see cref="Digest"/>), and its caller scope.</summary>
    public ApiKeyEntry? Find(byte[] digest, out string? callerScope)
    {
        ApiKeyEntry? match = null;
        callerScope = null;

        // Every key is compared, whatever matches, so the time taken says nothing about which did.
        foreach (var (candidate, entry, scope) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, digest) && match is null)
            {
                match = entry;
                callerScope = scope;
            }
        }

        return match;
    }

    // "key_" + hex SHA-256 of a label and the key's digest. Stored with every idempotency key, so it
    // must say nothing usable about the key: it is neither the key nor the configured KeyHash, and
    // cannot be turned into either. Per key rather than per name, so a rotated key starts afresh.
    // (When applications exist, their id joins the scope.)
    private static string CallerScopeOf(byte[] digest) =>
        "key_" + Convert.ToHexStringLower(SHA256.HashData([.. "akademia.idempotency-scope.v1\0"u8, .. digest]));
}
