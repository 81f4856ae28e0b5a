using System.Security.Cryptography;
using System.Text;
using Akademia.Webhooks.Grains.Inbound;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class InboundEventParserTests
{
    private static readonly Dictionary<string, string> NoHeaders = new(StringComparer.OrdinalIgnoreCase);

    private static InboundEvent Parse(string provider, string body, Dictionary<string, string>? headers = null, string? prefix = null) =>
        InboundEventParser.Parse(provider, "src-1", prefix ?? provider + ".", headers ?? NoHeaders, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void StripeEventIsPublishedUnderItsTypeWithItsIdAndTheWholeBodyAsData()
    {
        const string body = "{\"id\":\"evt_3Nabc\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_1\"}}}";

        var parsed = Parse(InboundProviders.Stripe, body);

        Assert.Equal(new InboundEvent("evt_3Nabc", "evt_3Nabc", "payment_intent.succeeded", "stripe.payment_intent.succeeded", body), parsed);
    }

    [Fact]
    public void GitHubTypeIsTheEventHeaderAndTheActionAndTheIdIsTheDeliveryId()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-github-event"] = "pull_request",
            ["x-github-delivery"] = "72d3162e-cc78-11e3-81ab-4c9367dc0958",
        };

        var opened = Parse(InboundProviders.GitHub, "{\"action\":\"opened\",\"number\":1}", headers);
        var push = Parse(InboundProviders.GitHub, "{\"ref\":\"refs/heads/main\"}", new(headers, StringComparer.OrdinalIgnoreCase) { ["X-GitHub-Event"] = "push" });

        Assert.Equal("github.pull_request.opened", opened.EventType);
        Assert.Equal("72d3162e-cc78-11e3-81ab-4c9367dc0958", opened.EventId);
        Assert.Equal("72d3162e-cc78-11e3-81ab-4c9367dc0958", opened.DedupeKey);
        Assert.Equal("github.push", push.EventType);
    }

    [Fact]
    public void StandardWebhooksTypeIsTheBodysTypeAndTheIdIsTheWebhookId()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["webhook-id"] = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W" };

        var parsed = Parse(InboundProviders.Standard, "{\"type\":\"invoice.paid\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"data\":{}}", headers, "billing.");

        Assert.Equal("billing.invoice.paid", parsed.EventType);
        Assert.Equal("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", parsed.EventId);
    }

    [Fact]
    public void WithoutAProviderIdTheKeyIsTheSha256OfSourceAndBody()
    {
        const string body = "{\"type\":\"order.shipped\",\"order\":7}";
        var expected = "sha256_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("src-1" + body)));

        var hmac = Parse(InboundProviders.Hmac, body);
        var stripeWithoutId = Parse(InboundProviders.Stripe, body);

        Assert.Equal(expected, hmac.DedupeKey);
        Assert.Equal(expected, hmac.EventId);
        Assert.Equal("hmac.order.shipped", hmac.EventType);
        Assert.Equal(expected, stripeWithoutId.DedupeKey);
        Assert.Equal("hmac.event", Parse(InboundProviders.Hmac, "{\"order\":7}").EventType);
    }

    [Theory]
    [InlineData("Payment-Intent.Succeeded", "stripe.payment_intent.succeeded")]
    [InlineData("..customer..created.", "stripe.customer.created")]
    [InlineData("invoice.payment succeeded", "stripe.invoice.payment_succeeded")]
    [InlineData("ping", "stripe.ping")]
    public void ProviderTypesAreSanitizedToThePlatformPattern(string providerType, string platformType)
    {
        Assert.Equal(platformType, InboundNames.EventType("stripe.", providerType));
    }

    [Fact]
    public void ATypeThatCannotBeSanitizedIsMalformed()
    {
        Assert.Null(InboundNames.EventType("stripe.", "..."));
        Assert.Null(InboundNames.EventType("stripe.", new string('a', 300)));

        var ex = Assert.Throws<InboundPayloadException>(() => Parse(InboundProviders.Stripe, "{\"id\":\"evt_1\",\"type\":\"...\"}"));
        Assert.Equal(InboundErrorCodes.MalformedPayload, ex.Code);
    }

    [Fact]
    public void IdsOutsideThePlatformRulesAreSanitizedWithoutCollisions()
    {
        Assert.Equal("evt_1", InboundNames.EventId("evt_1"));
        var dotted = InboundNames.EventId("a.b");
        var underscored = InboundNames.EventId("a_b");

        Assert.Matches("^a_b_[0-9a-f]{16}$", dotted);
        Assert.Equal("a_b", underscored);
        Assert.NotEqual(dotted, underscored);
        Assert.Matches("^[A-Za-z0-9_:\\-]{1,128}$", InboundNames.EventId(new string('x', 500) + "/"));
    }

    [Fact]
    public void MessageIdIsSourceAndKeyOrAHashOfAnUnsafeKey()
    {
        Assert.Equal("src-1:evt_1", InboundNames.MessageId("src-1", "evt_1"));
        Assert.Matches("^src-1:h_[0-9a-f]{40}$", InboundNames.MessageId("src-1", "a/b?c"));
        Assert.Equal("src-1", InboundNames.SourceOf("src-1:evt_1"));
    }

    [Theory]
    [InlineData("stripe", "not json")]
    [InlineData("stripe", "[1,2]")]
    [InlineData("stripe", "{\"id\":\"evt_1\"}")]
    [InlineData("stripe", "{\"id\":\"evt_1\",\"type\":7}")]
    [InlineData("standard", "{\"data\":{}}")]
    [InlineData("github", "{\"action\":\"opened\"}")]
    public void BodiesThatAreNotTheProvidersEventsAreMalformed(string provider, string body)
    {
        var ex = Assert.Throws<InboundPayloadException>(() => Parse(provider, body));

        Assert.Equal(InboundErrorCodes.MalformedPayload, ex.Code);
    }

    [Fact]
    public void AnUnknownProviderHasNoProcessor()
    {
        var ex = Assert.Throws<InboundPayloadException>(() => Parse("paypal", "{}"));

        Assert.Equal(InboundErrorCodes.NoProcessor, ex.Code);
    }
}
