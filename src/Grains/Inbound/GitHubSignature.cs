namespace Akademia.Webhooks.Grains.Inbound;

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
