using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Api;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Inbound;

/// <summary>The public inbound route: signatures, payloads, deduplication and the per-source rate limit.</summary>
[Collection(nameof(InboundCollection))]
public sealed class InboundReceiveTests(InboundFixture platform)
{
    private const string StripeSecret = "whsec_stripe_receive_tests_0123456789";

    [Fact]
    public async Task StripeWebhookSignedByStripesSchemeIsAcceptedStoredExactlyAndProcessed()
    {
        var source = await platform.CreateSourceAsync("stripe", StripeSecret);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        // Spacing and member order as sent: the stored body must be these bytes, not a re-serialization.
        var body = InboundRequests.StripeEvent(eventId).Replace("\"object\":\"event\",", "\"object\" : \"event\",\n  ", StringComparison.Ordinal);

        var response = await platform.SendStripeAsync(source, StripeSecret, body);

        var webhookId = await InboundRequests.AcceptedIdAsync(response);
        Assert.Equal($"{source}:{eventId}", webhookId);
        var processed = await platform.WaitForMessageAsync(webhookId, m => m.Status == InboundMessageStatus.Processed);
        Assert.Equal(eventId, processed.EventId);
        Assert.Equal("stripe.payment_intent.succeeded", processed.EventType);
        var attempt = Assert.Single(processed.Attempts);
        Assert.True(attempt.Succeeded);

        var read = await platform.GetMessageAsync(webhookId);
        Assert.Equal(body, read["body"]!.GetValue<string>());
        Assert.Equal("processed", read["status"]!.GetValue<string>());
        Assert.Equal(source, read["sourceId"]!.GetValue<string>());
        Assert.Equal(eventId, read["dedupeKey"]!.GetValue<string>());
        Assert.Equal(5, read["maxAttempts"]!.GetValue<int>());
        Assert.StartsWith("t=", read["headers"]!["stripe-signature"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedExpiredTamperedAndMissingSignaturesAreRefusedWith401AndNothingIsStored()
    {
        var source = await platform.CreateSourceAsync("stripe", StripeSecret);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var body = InboundRequests.StripeEvent(eventId);
        var attempts = new Dictionary<string, HttpResponseMessage>
        {
            ["forged"] = await platform.SendStripeAsync(source, "whsec_not_the_secret", body),
            ["expired"] = await platform.SendStripeAsync(source, StripeSecret, body, DateTimeOffset.UtcNow.AddMinutes(-6)),
            ["tampered"] = await platform.SendInboundAsync(source, body.Replace("2000", "1", StringComparison.Ordinal),
                ("Stripe-Signature", ProviderSignatures.Stripe(StripeSecret, body, DateTimeOffset.UtcNow))),
            ["missing"] = await platform.SendInboundAsync(source, body),
        };

        foreach (var (name, response) in attempts)
        {
            var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.InvalidSignature);
            Assert.StartsWith("Invalid webhook signature: ", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.DoesNotContain(StripeSecret, error.ToJsonString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(name));
        }

        Assert.Contains("tolerance", (await attempts["expired"].Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await platform.Grains.GetGrain<IInboundMessageGrain>($"{source}:{eventId}").GetAsync());
    }

    [Fact]
    public async Task UnknownSourceIs404AndAPayloadThatIsNotAnEventIs400()
    {
        var unknown = await platform.SendInboundAsync("no-such-source", "{}");
        await ApiAssert.NotFoundAsync(unknown);

        var source = await platform.CreateSourceAsync("stripe", StripeSecret);
        foreach (var body in new[] { "not json", "[]", "{\"id\":\"evt_1\"}" })
        {
            var response = await platform.SendStripeAsync(source, StripeSecret, body);
            await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MalformedPayload);
        }
    }

    [Fact]
    public async Task BodyOverTheGatewayLimitIs413()
    {
        var source = await platform.CreateSourceAsync("stripe", StripeSecret);
        var body = InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N")) + new string(' ', 256 * 1024);

        var response = await platform.SendStripeAsync(source, StripeSecret, body);

        await ApiAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Fact]
    public async Task GitHubStandardAndHmacWebhooksAreAcceptedWithTheirProvidersSignatures()
    {
        const string gitHubSecret = "github-receive-secret";
        const string standardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var github = await platform.CreateSourceAsync("github", gitHubSecret);
        var standard = await platform.CreateSourceAsync("standard", standardSecret);
        var hmac = await platform.CreateSourceAsync("hmac", "hmac-shared-key", new { signatureHeader = "X-Shop-Signature" });
        var delivery = Guid.NewGuid().ToString();
        var msgId = "msg_" + Guid.NewGuid().ToString("N");
        const string hmacBody = "{\"type\":\"order.shipped\",\"order\":42}";

        var fromGitHub = await InboundRequests.AcceptedIdAsync(
            await platform.SendGitHubAsync(github, gitHubSecret, "pull_request", delivery, "{\"action\":\"opened\",\"number\":7}"));
        var fromStandard = await InboundRequests.AcceptedIdAsync(
            await platform.SendStandardAsync(standard, standardSecret, msgId, "{\"type\":\"invoice.paid\",\"data\":{\"invoice\":\"in_1\"}}"));
        var fromHmac = await InboundRequests.AcceptedIdAsync(
            await platform.SendInboundAsync(hmac, hmacBody, ("X-Shop-Signature", ProviderSignatures.GitHub("hmac-shared-key", hmacBody))));

        var gitHubMessage = await platform.WaitForMessageAsync(fromGitHub, m => m.Status == InboundMessageStatus.Processed);
        var standardMessage = await platform.WaitForMessageAsync(fromStandard, m => m.Status == InboundMessageStatus.Processed);
        var hmacMessage = await platform.WaitForMessageAsync(fromHmac, m => m.Status == InboundMessageStatus.Processed);
        Assert.Equal((delivery, "github.pull_request.opened", 7), (gitHubMessage.EventId, gitHubMessage.EventType, gitHubMessage.MaxAttempts));
        Assert.Equal((msgId, "standard.invoice.paid"), (standardMessage.EventId, standardMessage.EventType));
        Assert.Equal("hmac.order.shipped", hmacMessage.EventType);
        Assert.StartsWith("sha256_", hmacMessage.EventId, StringComparison.Ordinal);

        // The types were registered on the way, so endpoints can subscribe to them.
        var types = (await platform.GetDataAsync("/api/event-types")).AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("github.pull_request.opened", types);
        Assert.Contains("standard.invoice.paid", types);
        Assert.Contains("hmac.order.shipped", types);

        // The GitHub secret is not Stripe's scheme, and a wrong header name is no signature.
        var wrongHeader = await platform.SendInboundAsync(hmac, hmacBody, ("X-Hub-Signature-256", ProviderSignatures.GitHub("hmac-shared-key", hmacBody)));
        await ApiAssert.ErrorAsync(wrongHeader, HttpStatusCode.Unauthorized, ErrorCodes.InvalidSignature);
    }

    [Fact]
    public async Task ResentWebhookIsADuplicateAndIsNotProcessedAgain()
    {
        var source = await platform.CreateSourceAsync("stripe", StripeSecret);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var body = InboundRequests.StripeEvent(eventId);
        var webhookId = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, StripeSecret, body));
        await platform.WaitForMessageAsync(webhookId, m => m.Status == InboundMessageStatus.Processed);

        // Stripe retries with a fresh timestamp and signature; the event id is what makes it the same.
        var again = await ApiAssert.SuccessAsync(await platform.SendStripeAsync(source, StripeSecret, body, DateTimeOffset.UtcNow.AddSeconds(-30)), HttpStatusCode.OK);

        Assert.Equal(webhookId, again["webhookId"]!.GetValue<string>());
        Assert.Equal("duplicate", again["status"]!.GetValue<string>());
        var message = await platform.Grains.GetGrain<IInboundMessageGrain>(webhookId).GetAsync();
        Assert.Single(message!.Attempts);
    }

    [Fact]
    public async Task ConcurrentDuplicatesAreAcceptedOnceAndReachAnEndpointOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var prefix = $"dup{Guid.NewGuid():N}"[..16] + ".";
        var source = await platform.CreateSourceAsync("stripe", StripeSecret, new { eventTypePrefix = prefix });
        var type = prefix + "payment_intent.succeeded";
        await platform.Http.PostAsJsonAsync("/api/event-types", new { name = type, description = "subscribed before the first event" });
        var (endpointId, _) = await platform.CreateEndpointAsync(receiver.Url("/dup"), type);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var body = InboundRequests.StripeEvent(eventId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => platform.SendStripeAsync(source, StripeSecret, body)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var duplicate in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            Assert.Equal("duplicate", (await PlatformFixture.ReadJsonAsync(duplicate, HttpStatusCode.OK))["data"]!["status"]!.GetValue<string>());
        }

        var message = await platform.WaitForMessageAsync($"{source}:{eventId}", m => m.Status == InboundMessageStatus.Processed);
        Assert.Single(message.Attempts);
        await platform.WaitForDeliveryAsync($"{eventId}:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task SourceRateLimitAnswers429WithRetryAfterAndOnlyVerifiedRequestsCount()
    {
        var source = await platform.CreateSourceAsync("stripe", StripeSecret, new { rateLimitPerMinute = 3 });
        var forged = await platform.SendStripeAsync(source, "whsec_forger", InboundRequests.StripeEvent("evt_forged"));
        await ApiAssert.ErrorAsync(forged, HttpStatusCode.Unauthorized, ErrorCodes.InvalidSignature);

        for (var i = 0; i < 3; i++)
        {
            await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, StripeSecret, InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))));
        }

        var limited = await platform.SendStripeAsync(source, StripeSecret, InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N")));

        await ApiAssert.ErrorAsync(limited, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimitExceeded);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);

        // The budget is the source's, not the caller's: another source is not limited.
        var other = await platform.CreateSourceAsync("stripe", StripeSecret, new { rateLimitPerMinute = 3 });
        await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(other, StripeSecret, InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))));
    }
}
