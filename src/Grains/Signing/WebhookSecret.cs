using System.Security.Cryptography;

namespace Akademia.Webhooks.Grains.Signing;

/// <summary>
/// Signing secrets in the Standard Webhooks form: <c>whsec_</c> followed by base64 of 32 random bytes.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int KeyBytes = 32;

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    public static bool IsValid(string? secret) => TryGetKey(secret, out _);

    /// <summary>The HMAC key: the base64-decoded part after the prefix.</summary>
    public static byte[] GetKey(string secret) =>
        TryGetKey(secret, out var key) ? key : throw new ArgumentException("Not a whsec_ secret.", nameof(secret));

    public static bool TryGetKey(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = secret.AsSpan(Prefix.Length);
        var buffer = new byte[KeyBytes + 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written) || written != KeyBytes)
        {
            return false;
        }

        key = buffer[..KeyBytes];
        return true;
    }
}
