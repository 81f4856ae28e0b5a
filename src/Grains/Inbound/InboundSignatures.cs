using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>The verdict on a signature; <see cref="Problem"/> says what was wrong, never what was expected.</summary>
public readonly record struct SignatureCheck(bool Valid, string? Problem)
{
    public static SignatureCheck Ok { get; } = new(true, null);

    public static SignatureCheck Fail(string problem) => new(false, problem);
}

/// <summary>
/// Stripe's scheme: <c>Stripe-Signature: t={unix seconds},v1={hex},…</c>, where each <c>v1</c> is
/// HMAC-SHA256 of <c>{t}.{raw body}</c> keyed with the endpoint secret's UTF-8 bytes. Any <c>v1</c>
/// may match (Stripe sends one per active secret while rolling); <c>v0</c> and other schemes are
/// ignored, so a downgrade to them is impossible.
/// </summary>
public static class StripeSignature
{
    public const string Header = "Stripe-Signature";

    public static SignatureCheck Verify(string? header, ReadOnlySpan<byte> body, IEnumerable<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Fail("the Stripe-Signature header is missing");
        }

        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (key == "t")
            {
                timestamp = value;
            }
            else if (key == "v1" && SignatureEncoding.TryHex(value, out var mac))
            {
                signatures.Add(mac);
            }
        }

        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Fail("the Stripe-Signature header has no timestamp");
        }

        if (signatures.Count == 0)
        {
            return SignatureCheck.Fail("the Stripe-Signature header has no v1 signature");
        }

        if (!SignatureEncoding.WithinTolerance(seconds, now, tolerance))
        {
            return SignatureCheck.Fail("the timestamp is outside the tolerance");
        }

        var signed = SignatureEncoding.Concat(Encoding.UTF8.GetBytes(timestamp + "."), body);
        return SignatureEncoding.AnyMatches(secrets.Select(Encoding.UTF8.GetBytes), signed, signatures)
            ? SignatureCheck.Ok
            : SignatureCheck.Fail("no signature matches the payload");
    }
}

/// <summary>
/// GitHub's scheme: <c>X-Hub-Signature-256: sha256={hex}</c>, HMAC-SHA256 of the raw body keyed
/// with the webhook secret's UTF-8 bytes. GitHub signs no timestamp, so replays are caught by the
/// delivery id instead (deduplication).
/// </summary>
public static class GitHubSignature
{
    public const string Header = "X-Hub-Signature-256";

    public static SignatureCheck Verify(string? header, ReadOnlySpan<byte> body, IEnumerable<string> secrets) =>
        HmacSignature.Verify(Header, header, body, secrets);
}

/// <summary>
/// A body HMAC in a header of the source's choice: <c>sha256={hex}</c> of the raw body keyed with the
/// secret's UTF-8 bytes (GitHub's scheme, and the platform's own <c>X-Webhook-Signature</c>).
/// </summary>
public static class HmacSignature
{
    public const string DefaultHeader = "X-Webhook-Signature";
    private const string Prefix = "sha256=";

    public static SignatureCheck Verify(string headerName, string? header, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Fail($"the {headerName} header is missing");
        }

        var value = header.Trim();
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !SignatureEncoding.TryHex(value[Prefix.Length..], out var mac))
        {
            return SignatureCheck.Fail($"the {headerName} header is not sha256=<hex>");
        }

        return SignatureEncoding.AnyMatches(secrets.Select(Encoding.UTF8.GetBytes), body, [mac])
            ? SignatureCheck.Ok
            : SignatureCheck.Fail("no signature matches the payload");
    }
}

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

internal static class SignatureEncoding
{
    public static bool TryHex(string value, out byte[] bytes)
    {
        bytes = [];
        if (value.Length != HMACSHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryBase64(string value, out byte[] bytes)
    {
        var buffer = new byte[HMACSHA256.HashSizeInBytes + 3];
        if (Convert.TryFromBase64String(value, buffer, out var written) && written == HMACSHA256.HashSizeInBytes)
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    /// <summary>Both ways: a timestamp far in the future is as suspicious as an old one.</summary>
    public static bool WithinTolerance(long unixSeconds, DateTimeOffset now, TimeSpan tolerance)
    {
        var current = now.ToUnixTimeSeconds();
        var slack = (long)tolerance.TotalSeconds;
        return unixSeconds >= current - slack && unixSeconds <= current + slack;
    }

    public static byte[] Concat(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content);
        body.CopyTo(content.AsSpan(prefix.Length));
        return content;
    }

    /// <summary>
    /// Whether any presented MAC equals the MAC of <paramref name="content"/> under any key. Each
    /// comparison takes the same time whatever the bytes, so timing reveals nothing about the expected MAC.
    /// </summary>
    public static bool AnyMatches(IEnumerable<byte[]> keys, ReadOnlySpan<byte> content, IReadOnlyList<byte[]> presented)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var matched = false;
        foreach (var key in keys)
        {
            HMACSHA256.HashData(key, content, expected);
            foreach (var mac in presented)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, mac);
            }
        }

        return matched;
    }
}
