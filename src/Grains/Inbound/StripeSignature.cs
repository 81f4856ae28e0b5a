using System.Globalization;
using System.Text;

namespace Akademia.Webhooks.Grains.Inbound;

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
