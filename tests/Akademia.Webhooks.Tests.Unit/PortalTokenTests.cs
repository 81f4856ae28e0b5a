using Akademia.Webhooks.Grains.PortalAccess;
using Akademia.Webhooks.Grains.Security;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class PortalTokenTests
{
    private static readonly DateTimeOffset Expires = new(2026, 12, 2, 6, 15, 0, TimeSpan.Zero);

    private static PortalTokenSigner Signer(byte fill = 7) =>
        new(Options.Create(new SecretsOptions { EncryptionKey = Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray()) }));

    private static string Issue(PortalTokenSigner signer, string application = "default", long epoch = 3)
    {
        var signedText = PortalTokens.SignedText(PortalTokens.Payload(application, epoch, Expires, "00ff"));
        return PortalTokens.Token(signedText, signer.Sign(signedText));
    }

    [Fact]
    public void AnIssuedTokenParsesBackToItsApplicationEpochAndExpiryAndItsMacVerifies()
    {
        var signer = Signer();
        var token = Issue(signer);

        var parts = PortalTokens.Parse(token)!;

        Assert.StartsWith("akp_", token, StringComparison.Ordinal);
        Assert.Equal(("default", 3L, Expires), (parts.ApplicationId, parts.Epoch, parts.ExpiresAt));
        Assert.True(signer.Verify(parts.SignedText, parts.Mac));
    }

    [Fact]
    public void ATokenSignedWithAnotherKeyDoesNotVerify()
    {
        var parts = PortalTokens.Parse(Issue(Signer(fill: 8)))!;

        Assert.False(Signer().Verify(parts.SignedText, parts.Mac));
    }

    [Fact]
    public void APayloadChangedUnderItsMacDoesNotVerify()
    {
        var signer = Signer();
        var mac = PortalTokens.Parse(Issue(signer))!.Mac;
        var otherApplication = PortalTokens.SignedText(PortalTokens.Payload("app_other", 3, Expires, "00ff"));
        var laterExpiry = PortalTokens.SignedText(PortalTokens.Payload("default", 3, Expires.AddDays(1), "00ff"));

        Assert.False(signer.Verify(otherApplication, mac));
        Assert.False(signer.Verify(laterExpiry, mac));
    }

    [Theory]
    [InlineData("akp_")]
    [InlineData("akp_nodot")]
    [InlineData("akp_!!!.AAAA")]
    [InlineData("akk_abc.def")]
    public void AMalformedTokenDoesNotParse(string token)
    {
        Assert.Null(PortalTokens.Parse(token));
    }

    [Fact]
    public void TheSigningKeyIsDerivedAndIsNotTheEncryptionKey()
    {
        var encryptionKey = Enumerable.Repeat((byte)7, 32).ToArray();
        var signedText = PortalTokens.SignedText(PortalTokens.Payload("default", 0, Expires, "00"));

        var mac = Signer().Sign(signedText);

        Assert.NotEqual(System.Security.Cryptography.HMACSHA256.HashData(encryptionKey, System.Text.Encoding.UTF8.GetBytes(signedText)), mac);
    }
}
