using System.Globalization;
using System.Text;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// Standard Webhooks: <c>webhook-signature</c> holds space-separated <c>v1,{base64}</c> entries, each
/// HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{raw body}</c> keyed with the base64-decoded
/// part of the <c>whsec_</c> secret. Other versions (such as the asymmetric <c>v1a</c>) are ignored.
/// </summary>
public static class StandardWebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>The specification allows keys of 24 to 64 bytes.</summary>
    public static bool TryGetKey(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var buffer = new byte[96];
        if (!Convert.TryFromBase64Chars(secret.AsSpan(SecretPrefix.Length), buffer, out var written) || written is < 24 or > 64)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    public static SignatureCheck Verify(string? id, string? timestamp, string? header, ReadOnlySpan<byte> body, IEnumerable<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(timestamp) || string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Fail("the webhook-id, webhook-timestamp and webhook-signature headers are required");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Fail("webhook-timestamp is not unix seconds");
        }

        if (!SignatureEncoding.WithinTolerance(seconds, now, tolerance))
        {
            return SignatureCheck.Fail("the timestamp is outside the tolerance");
        }

        var signatures = new List<byte[]>();
        foreach (var entry in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && entry.AsSpan(0, comma).SequenceEqual("v1") && SignatureEncoding.TryBase64(entry[(comma + 1)..], out var mac))
            {
                signatures.Add(mac);
            }
        }

        if (signatures.Count == 0)
        {
            return SignatureCheck.Fail("webhook-signature has no v1 signature");
        }

        var keys = secrets.Select(s => TryGetKey(s, out var key) ? key : null).OfType<byte[]>();
        var signed = SignatureEncoding.Concat(Encoding.UTF8.GetBytes($"{id}.{timestamp}."), body);
        return SignatureEncoding.AnyMatches(keys, signed, signatures)
            ? SignatureCheck.Ok
            : SignatureCheck.Fail("no signature matches the payload");
    }
}
