using System.Text;

namespace Akademia.Webhooks.Grains.Inbound;

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
