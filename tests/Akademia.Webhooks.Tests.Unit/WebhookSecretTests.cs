using Akademia.Webhooks.Grains.Signing;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class WebhookSecretTests
{
    private static readonly byte[] KnownKey = Enumerable.Range(0, 32).Select(i => (byte)(i * 3)).ToArray();

    [Fact]
    public void GeneratedSecretIsWhsecAndBase64Of32Bytes()
    {
        var secret = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(6 + 44, secret.Length);
        Assert.True(WebhookSecret.IsValid(secret));
        Assert.Equal(Convert.FromBase64String(secret[6..]), WebhookSecret.GetKey(secret));
    }

    [Fact]
    public void GeneratedSecretsDiffer()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => WebhookSecret.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(100, secrets.Count);
    }

    [Fact]
    public void KeyIsTheDecodedPartAfterThePrefix()
    {
        var secret = "whsec_" + Convert.ToBase64String(KnownKey);

        Assert.True(WebhookSecret.TryGetKey(secret, out var key));
        Assert.Equal(KnownKey, key);
        Assert.Equal(KnownKey, WebhookSecret.GetKey(secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("whsk_")]
    [InlineData("WHSEC_")]
    [InlineData("whsec")]
    [InlineData("sec_")]
    [InlineData(" whsec_")]
    public void WrongPrefixIsRejected(string prefix)
    {
        var secret = prefix + Convert.ToBase64String(KnownKey);

        Assert.False(WebhookSecret.IsValid(secret));
        Assert.False(WebhookSecret.TryGetKey(secret, out var key));
        Assert.Empty(key);
        Assert.Throws<ArgumentException>(() => WebhookSecret.GetKey(secret));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(35)]
    [InlineData(64)]
    public void KeyOfOtherThan32BytesIsRejected(int bytes)
    {
        var secret = "whsec_" + Convert.ToBase64String(new byte[bytes]);

        Assert.False(WebhookSecret.IsValid(secret));
        Assert.Throws<ArgumentException>(() => WebhookSecret.GetKey(secret));
    }

    [Theory]
    [InlineData("whsec_!!!!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=AAAA")]
    public void TextThatIsNotBase64Of32BytesIsRejected(string secret)
    {
        Assert.False(WebhookSecret.IsValid(secret));
    }

    [Fact]
    public void NullIsNotASecret()
    {
        Assert.False(WebhookSecret.IsValid(null));
        Assert.False(WebhookSecret.TryGetKey(null, out _));
    }
}
