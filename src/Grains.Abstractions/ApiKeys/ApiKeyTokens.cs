using System.Security.Cryptography;
using System.Text;

namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// API keys managed through the API: how one is made, and how its id follows from it. The id is
/// derived one-way from the key's SHA-256, so whoever presents a key finds its grain with no lookup
/// index, and neither the id nor the stored digest can be turned back into the key.
/// </summary>
public static class ApiKeyTokens
{
    /// <summary>What every managed key starts with, so that it is recognised (and found by secret scanners).</summary>
    public const string Prefix = "akk_";

    private static readonly byte[] IdLabel = "akademia.api-key-id.v1\0"u8.ToArray();

    /// <summary>A new key: <see cref="Prefix"/> and 32 random bytes in base64url (43 characters).</summary>
    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="presented"/> has the form of a managed key (it may still be unknown).</summary>
    public static bool IsManagedKey(string presented) => presented.StartsWith(Prefix, StringComparison.Ordinal) && presented.Length <= 128;

    /// <summary>The SHA-256 of the key, as it is stored.</summary>
    public static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The key's id, <c>key_</c> and 26 hex digits, from its digest (see <see cref="Digest"/>).</summary>
    public static string IdOf(byte[] digest) =>
        "key_" + Convert.ToHexStringLower(SHA256.HashData([.. IdLabel, .. digest]))[..26];

    /// <summary>
    /// What the key's idempotency keys are kept under: derived from the id, which is itself one-way,
    /// so it says nothing usable about the key.
    /// </summary>
    public static string CallerScopeOf(string keyId) => "apikey_" + keyId;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
