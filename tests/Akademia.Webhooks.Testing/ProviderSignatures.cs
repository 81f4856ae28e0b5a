using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Akademia.Webhooks.Testing;

/// <summary>
/// Signs requests the way each provider documents it, written from the providers' descriptions
/// rather than with the platform's verifiers.
/// </summary>
public static class ProviderSignatures
{
    /// <summary>Stripe: <c>t={timestamp},v1={hex HMAC-SHA256 of "{timestamp}.{body}" keyed with the secret's UTF-8 bytes}</c>.</summary>
    public static string Stripe(string secret, string body, DateTimeOffset timestamp)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(Encoding.UTF8.GetBytes(secret), $"{t}.{body}")}";
    }

    /// <summary>GitHub (and the <c>hmac</c> provider): <c>sha256={hex HMAC-SHA256 of the body}</c>.</summary>
    public static string GitHub(string secret, string body) => "sha256=" + Hex(Encoding.UTF8.GetBytes(secret), body);

    /// <summary>Standard Webhooks: <c>v1,{base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with the base64 part of whsec_…}</c>.</summary>
    public static string Standard(string secret, string id, DateTimeOffset timestamp, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        using var hmac = new HMACSHA256(key);
        var content = $"{id}.{timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{body}";
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(content)));
    }

    private static string Hex(byte[] key, string content)
    {
        using var hmac = new HMACSHA256(key);
        return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(content))).ToLowerInvariant();
    }
}
