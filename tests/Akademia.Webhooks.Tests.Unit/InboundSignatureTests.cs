using System.Globalization;
using System.Text;
using Akademia.Webhooks.Grains.Inbound;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class StripeSignatureTests
{
    private const string Secret = "whsec_test_stripe_secret_0123456789";
    private const string Body = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static SignatureCheck Verify(string? header, string body = Body, params string[] secrets) =>
        StripeSignature.Verify(header, Encoding.UTF8.GetBytes(body), secrets.Length == 0 ? [Secret] : secrets, Now, Tolerance);

    [Fact]
    public void SignatureMadeByStripesSchemeVerifies()
    {
        Assert.Equal(SignatureCheck.Ok, Verify(ProviderSignatures.Stripe(Secret, Body, Now)));
    }

    [Fact]
    public void AnyOfSeveralV1SignaturesMayMatch()
    {
        var genuine = ProviderSignatures.Stripe(Secret, Body, Now);
        var other = ProviderSignatures.Stripe("whsec_another_secret", Body, Now).Split(',')[1];

        Assert.True(Verify($"{genuine.Split(',')[0]},{other},{genuine.Split(',')[1]}").Valid);
    }

    [Fact]
    public void PreviousSecretStillVerifies()
    {
        var header = ProviderSignatures.Stripe("whsec_old_secret", Body, Now);

        Assert.True(Verify(header, Body, Secret, "whsec_old_secret").Valid);
        Assert.False(Verify(header).Valid);
    }

    [Fact]
    public void V0SignatureAloneIsNotAccepted()
    {
        var header = ProviderSignatures.Stripe(Secret, Body, Now).Replace("v1=", "v0=", StringComparison.Ordinal);

        Assert.Equal(SignatureCheck.Fail("the Stripe-Signature header has no v1 signature"), Verify(header));
    }

    [Fact]
    public void TamperedBodyIsRejected()
    {
        var header = ProviderSignatures.Stripe(Secret, Body, Now);

        Assert.Equal(SignatureCheck.Fail("no signature matches the payload"), Verify(header, Body.Replace("succeeded", "failed", StringComparison.Ordinal)));
    }

    [Fact]
    public void SignatureForgedWithAnotherSecretIsRejected()
    {
        Assert.Equal(SignatureCheck.Fail("no signature matches the payload"), Verify(ProviderSignatures.Stripe("whsec_forger", Body, Now)));
    }

    [Fact]
    public void ChangedTimestampIsRejected()
    {
        var header = ProviderSignatures.Stripe(Secret, Body, Now);
        var moved = header.Replace($"t={Now.ToUnixTimeSeconds()}", $"t={Now.ToUnixTimeSeconds() + 1}", StringComparison.Ordinal);

        Assert.False(Verify(moved).Valid);
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void TimestampMustBeWithinFiveMinutes(int offsetSeconds, bool valid)
    {
        var header = ProviderSignatures.Stripe(Secret, Body, Now.AddSeconds(offsetSeconds));

        var check = Verify(header);

        Assert.Equal(valid, check.Valid);
        if (!valid)
        {
            Assert.Equal("the timestamp is outside the tolerance", check.Problem);
        }
    }

    [Theory]
    [InlineData(null, "the Stripe-Signature header is missing")]
    [InlineData("", "the Stripe-Signature header is missing")]
    [InlineData("v1=00", "the Stripe-Signature header has no timestamp")]
    [InlineData("t=abc,v1=00", "the Stripe-Signature header has no timestamp")]
    [InlineData("t=1700000000", "the Stripe-Signature header has no v1 signature")]
    [InlineData("t=1700000000,v1=not-hex", "the Stripe-Signature header has no v1 signature")]
    public void MissingOrMalformedHeaderIsRejected(string? header, string problem)
    {
        Assert.Equal(SignatureCheck.Fail(problem), Verify(header));
    }
}

public sealed class GitHubSignatureTests
{
    [Fact]
    public void MatchesGitHubsDocumentedTestVector()
    {
        // From GitHub's "Validating webhook deliveries".
        var check = GitHubSignature.Verify(
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            Encoding.UTF8.GetBytes("Hello, World!"),
            ["It's a Secret to Everybody"]);

        Assert.Equal(SignatureCheck.Ok, check);
    }

    [Fact]
    public void UppercaseHexIsTheSameSignature()
    {
        var check = GitHubSignature.Verify(
            "sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17", Encoding.UTF8.GetBytes("Hello, World!"), ["It's a Secret to Everybody"]);

        Assert.True(check.Valid);
    }

    [Fact]
    public void TamperedBodyAndOtherSecretAreRejected()
    {
        var header = ProviderSignatures.GitHub("gh-secret", "{\"action\":\"opened\"}");

        Assert.True(GitHubSignature.Verify(header, Encoding.UTF8.GetBytes("{\"action\":\"opened\"}"), ["gh-secret"]).Valid);
        Assert.Equal(SignatureCheck.Fail("no signature matches the payload"), GitHubSignature.Verify(header, Encoding.UTF8.GetBytes("{\"action\":\"closed\"}"), ["gh-secret"]));
        Assert.Equal(SignatureCheck.Fail("no signature matches the payload"), GitHubSignature.Verify(header, Encoding.UTF8.GetBytes("{\"action\":\"opened\"}"), ["other"]));
    }

    [Theory]
    [InlineData(null, "the X-Hub-Signature-256 header is missing")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "the X-Hub-Signature-256 header is not sha256=<hex>")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "the X-Hub-Signature-256 header is not sha256=<hex>")]
    [InlineData("sha256=757107ea", "the X-Hub-Signature-256 header is not sha256=<hex>")]
    public void MissingOrMalformedHeaderIsRejected(string? header, string problem)
    {
        Assert.Equal(SignatureCheck.Fail(problem), GitHubSignature.Verify(header, Encoding.UTF8.GetBytes("Hello, World!"), ["It's a Secret to Everybody"]));
    }

    [Fact]
    public void HmacProviderUsesItsConfiguredHeaderName()
    {
        var header = ProviderSignatures.GitHub("shared", "{}");

        Assert.True(HmacSignature.Verify("X-Signature", header, "{}"u8, ["shared"]).Valid);
        Assert.Equal(SignatureCheck.Fail("the X-Signature header is missing"), HmacSignature.Verify("X-Signature", null, "{}"u8, ["shared"]));
    }
}

public sealed class StandardWebhookSignatureTests
{
    // The Standard Webhooks specification's test vector.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Body = "{\"test\": 2432232314}";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    private static SignatureCheck Verify(string? id, string? timestamp, string? signature, string body = Body, DateTimeOffset? now = null) =>
        StandardWebhookSignature.Verify(id, timestamp, signature, Encoding.UTF8.GetBytes(body), [Secret], now ?? Now, TimeSpan.FromMinutes(5));

    [Fact]
    public void MatchesTheSpecificationsTestVector()
    {
        Assert.Equal(SignatureCheck.Ok, Verify(Id, Timestamp, Signature));
    }

    [Fact]
    public void SignatureMadeByTheSchemeVerifies()
    {
        var at = Now.AddSeconds(17);
        var signature = ProviderSignatures.Standard(Secret, "msg_other", at, "{\"a\":1}");

        Assert.True(Verify("msg_other", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), signature, "{\"a\":1}").Valid);
    }

    [Fact]
    public void AnyOfSeveralSpaceSeparatedSignaturesMayMatchAndOtherVersionsAreIgnored()
    {
        Assert.True(Verify(Id, Timestamp, $"v1a,AAAA v1,bm90IHRoZSByaWdodCBzaWduYXR1cmUgYXQgYWxsIQ== {Signature}").Valid);
        Assert.Equal(SignatureCheck.Fail("webhook-signature has no v1 signature"), Verify(Id, Timestamp, Signature.Replace("v1,", "v2,", StringComparison.Ordinal)));
    }

    [Fact]
    public void TamperedBodyIdOrTimestampIsRejected()
    {
        Assert.False(Verify(Id, Timestamp, Signature, "{\"test\": 2432232315}").Valid);
        Assert.False(Verify("msg_other", Timestamp, Signature).Valid);
        Assert.False(Verify(Id, "1614265331", Signature).Valid);
    }

    [Fact]
    public void ExpiredAndFutureTimestampsAreRejected()
    {
        Assert.Equal(SignatureCheck.Fail("the timestamp is outside the tolerance"), Verify(Id, Timestamp, Signature, now: Now.AddSeconds(301)));
        Assert.Equal(SignatureCheck.Fail("the timestamp is outside the tolerance"), Verify(Id, Timestamp, Signature, now: Now.AddSeconds(-301)));
        Assert.True(Verify(Id, Timestamp, Signature, now: Now.AddSeconds(300)).Valid);
    }

    [Fact]
    public void MissingHeadersAreRejected()
    {
        Assert.False(Verify(null, Timestamp, Signature).Valid);
        Assert.False(Verify(Id, null, Signature).Valid);
        Assert.False(Verify(Id, Timestamp, null).Valid);
        Assert.Equal(SignatureCheck.Fail("webhook-timestamp is not unix seconds"), Verify(Id, "2021-02-25T15:02:10Z", Signature));
    }

    [Theory]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", false)]
    [InlineData("whsec_c2hvcnQ=", false)]
    [InlineData("whsec_not base64!", false)]
    public void KeyIsTheBase64PartOfAWhsecSecretOf24To64Bytes(string secret, bool valid)
    {
        Assert.Equal(valid, StandardWebhookSignature.TryGetKey(secret, out var key));
        if (valid)
        {
            Assert.Equal(Convert.FromBase64String(secret["whsec_".Length..]), key);
        }
    }
}
