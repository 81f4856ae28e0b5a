using System.Text;

namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The form of a portal token: <c>akp_{base64url(payload)}.{base64url(HMAC-SHA256)}</c>, where the
/// payload is <c>v1|{applicationId}|{epoch}|{expires, Unix seconds}|{nonce}</c>. Only the silo holds the
/// signing key; what is read here, unverified, only says which application's grain verifies it.
/// </summary>
public static class PortalTokens
{
    /// <summary>What every portal token starts with.</summary>
    public const string Prefix = "akp_";

    /// <summary>Tokens longer than this are not read at all.</summary>
    public const int MaxLength = 512;

    /// <summary>Whether <paramref name="presented"/> has the form of a portal token (it may still be forged).</summary>
    public static bool IsPortalToken(string presented) =>
        presented.StartsWith(Prefix, StringComparison.Ordinal) && presented.Length <= MaxLength;

    /// <summary>The application the token claims, unverified; null when it is not a portal token's form.</summary>
    public static string? ClaimedApplication(string presented) =>
        Parse(presented) is { } parts ? parts.ApplicationId : null;

    /// <summary>
    /// The token's parts, unverified: the signed text (<c>akp_</c> and the encoded payload), the MAC,
    /// and the payload's fields; null when the token is malformed.
    /// </summary>
    public static PortalTokenParts? Parse(string presented)
    {
        if (!IsPortalToken(presented))
        {
            return null;
        }

        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || FromBase64Url(presented[Prefix.Length..dot]) is not { } payload || FromBase64Url(presented[(dot + 1)..]) is not { Length: 32 } mac)
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(payload).Split('|');
        return fields is ["v1", { Length: > 0 } app, var epoch, var expires, { Length: > 0 }]
            && long.TryParse(epoch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var e)
            && long.TryParse(expires, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var x)
            && x <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? new PortalTokenParts(presented[..dot], mac, app, e, DateTimeOffset.FromUnixTimeSeconds(x))
            : null;
    }

    /// <summary>The payload of a token, as <see cref="Parse"/> reads it.</summary>
    public static string Payload(string applicationId, long epoch, DateTimeOffset expiresAt, string nonce) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"v1|{applicationId}|{epoch}|{expiresAt.ToUnixTimeSeconds()}|{nonce}");

    /// <summary>The signed text of a payload: <c>akp_</c> and the payload in base64url.</summary>
    public static string SignedText(string payload) => Prefix + ToBase64Url(Encoding.UTF8.GetBytes(payload));

    /// <summary>The whole token from its signed text and MAC.</summary>
    public static string Token(string signedText, byte[] mac) => signedText + "." + ToBase64Url(mac);

    private static string ToBase64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        var buffer = new byte[padded.Length];
        return padded.Length % 4 == 0 && Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
