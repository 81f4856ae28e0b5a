using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Akademia.Webhooks.Grains.Signing;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class WebhookSignerTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(200 - i)).ToArray();

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"id\":\"evt_1\",\"type\":\"grade.created\",\"data\":{\"score\":97}}")]
    [InlineData("{\"name\":\"Zoë – 東京\"}")]
    [InlineData("")]
    public void SpecSignatureIsSha256HexOfTheRawBody(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var hmac = new HMACSHA256(Key);
        var expected = "sha256=" + string.Concat(hmac.ComputeHash(bytes).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

        Assert.Equal(expected, WebhookSigner.SpecSignature(Key, bytes));
        Assert.Matches("^sha256=[0-9a-f]{64}$", WebhookSigner.SpecSignature(Key, bytes));
    }

    [Theory]
    [InlineData("evt_1:ep_1", 1_700_000_000L, "{}")]
    [InlineData("evt-x:ep_y", 0L, "{\"name\":\"Zoë – 東京\"}")]
    public void StandardSignatureIsBase64HmacOfIdTimestampAndBody(string messageId, long timestamp, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var hmac = new HMACSHA256(Key);
        var expected = "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{messageId}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}")));

        Assert.Equal(expected, WebhookSigner.StandardSignature(Key, messageId, timestamp, bytes));
    }

    [Fact]
    public void StandardSignatureMatchesTheStandardWebhooksTestVector()
    {
        // From the Standard Webhooks specification's reference libraries. Its key is 24 bytes, so it is
        // used as a raw key: the platform's own secrets are always 32 bytes.
        var key = Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        var body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");

        var signature = WebhookSigner.StandardSignature(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void SignatureHeaderHasOneEntryPerKeyInOrder()
    {
        var previous = Enumerable.Repeat((byte)7, 32).ToArray();
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");

        var header = WebhookSigner.StandardSignatureHeader([Key, previous], "evt_1:ep_1", 1_700_000_000, body);

        Assert.Equal(
            WebhookSigner.StandardSignature(Key, "evt_1:ep_1", 1_700_000_000, body) + " " + WebhookSigner.StandardSignature(previous, "evt_1:ep_1", 1_700_000_000, body),
            header);
        Assert.Equal(
            WebhookSigner.StandardSignature(Key, "evt_1:ep_1", 1_700_000_000, body),
            WebhookSigner.StandardSignatureHeader([Key], "evt_1:ep_1", 1_700_000_000, body));
    }

    [Fact]
    public void AnyChangeToIdTimestampBodyOrKeyChangesTheSignature()
    {
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");
        var signature = WebhookSigner.StandardSignature(Key, "evt_1:ep_1", 1_700_000_000, body);
        var otherKey = Key.ToArray();
        otherKey[0] ^= 1;

        Assert.NotEqual(signature, WebhookSigner.StandardSignature(Key, "evt_1:ep_2", 1_700_000_000, body));
        Assert.NotEqual(signature, WebhookSigner.StandardSignature(Key, "evt_1:ep_1", 1_700_000_001, body));
        Assert.NotEqual(signature, WebhookSigner.StandardSignature(Key, "evt_1:ep_1", 1_700_000_000, Encoding.UTF8.GetBytes("{\"a\":2}")));
        Assert.NotEqual(signature, WebhookSigner.StandardSignature(otherKey, "evt_1:ep_1", 1_700_000_000, body));
        Assert.NotEqual(WebhookSigner.SpecSignature(Key, body), WebhookSigner.SpecSignature(otherKey, body));
    }
}
