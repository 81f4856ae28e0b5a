using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Akademia.Webhooks.Grains.Signing;

/// <summary>
/// The two signature schemes put on every attempt, computed from the same key.
/// </summary>
public static class WebhookSigner
{
    /// <summary>The specification's scheme: <c>sha256=</c> + hex HMAC-SHA256 of the raw body.</summary>
    public static string SpecSignature(ReadOnlySpan<byte> key, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, body, mac);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// Standard Webhooks: <c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.
    /// </summary>
    public static string StandardSignature(ReadOnlySpan<byte> key, string messageId, long unixTimestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{unixTimestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, content, mac);
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>
    /// The <c>webhook-signature</c> header value: one <c>v1,…</c> entry per key, separated by spaces, so a
    /// receiver holding either the new or the previous secret can verify during a rotation.
    /// </summary>
    public static string StandardSignatureHeader(IEnumerable<byte[]> keys, string messageId, long unixTimestamp, ReadOnlySpan<byte> body)
    {
        var builder = new StringBuilder();
        foreach (var key in keys)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(StandardSignature(key, messageId, unixTimestamp, body));
        }

        return builder.ToString();
    }
}
