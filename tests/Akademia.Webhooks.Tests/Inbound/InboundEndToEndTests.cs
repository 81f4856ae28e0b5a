using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Api;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Inbound;

/// <summary>From a provider's webhook to the platform's subscribers.</summary>
[Collection(nameof(InboundCollection))]
public sealed class InboundEndToEndTests(InboundFixture platform) : IAsyncLifetime
{
    private const string StripeSecret = "whsec_end_to_end_stripe_secret_0123";
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task StripePaymentIntentSucceededReachesASubscribedEndpointExactlyOnceSigned()
    {
        const string type = "stripe.payment_intent.succeeded";
        // Subscribers exist before the first event of the type; registering a known type changes nothing.
        await PlatformFixture.ReadJsonAsync(await platform.Http.PostAsJsonAsync("/api/event-types", new { name = type, description = "Stripe payments" }), HttpStatusCode.Created);
        var (endpointId, endpointSecret) = await platform.CreateEndpointAsync(_receiver.Url("/payments"), type);
        try
        {
            var source = await platform.CreateSourceAsync("stripe", StripeSecret);
            var eventId = "evt_" + Guid.NewGuid().ToString("N");
            var body = InboundRequests.StripeEvent(eventId, amount: 4999);

            var webhookId = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, StripeSecret, body));
            // Stripe did not see the answer in time and sends the event again.
            var again = await ApiAssert.SuccessAsync(await platform.SendStripeAsync(source, StripeSecret, body), HttpStatusCode.OK);
            Assert.Equal("duplicate", again["status"]!.GetValue<string>());

            var delivery = await platform.WaitForDeliveryAsync(PlatformIds.DeliveryId(eventId, endpointId), d => d.Status == DeliveryStatus.Delivered);
            Assert.Equal(type, delivery.EventType);
            var message = await platform.WaitForMessageAsync(webhookId, m => m.Status == InboundMessageStatus.Processed);
            Assert.Equal((eventId, type), (message.EventId, message.EventType));

            // Other tests may publish this type too: this event's requests are those carrying its id.
            var requests = _receiver.Received.Where(r => r.Header("X-Webhook-ID") == eventId).ToList();
            var request = Assert.Single(requests);
            Assert.True(TestSignatures.SpecSignatureIsValid(request, endpointSecret), "X-Webhook-Signature does not verify");
            Assert.True(TestSignatures.StandardSignatureIsValid(request, endpointSecret), "webhook-signature does not verify");
            Assert.Equal($"{eventId}:{endpointId}", request.Header("webhook-id"));
            var sent = JsonNode.Parse(request.Body)!;
            Assert.Equal(eventId, sent["id"]!.GetValue<string>());
            Assert.Equal(type, sent["type"]!.GetValue<string>());
            // The Stripe event, unchanged, is the platform event's data.
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), sent["data"]), $"data is {sent["data"]}");
            Assert.Equal(4999, sent["data"]!["data"]!["object"]!["amount"]!.GetValue<int>());
        }
        finally
        {
            await platform.Http.DeleteAsync($"/api/webhooks/{endpointId}");
        }
    }

    [Fact]
    public async Task ASourceOfAnApplicationPublishesToThatApplicationsEndpointsOnly()
    {
        const string type = "stripe.invoice.paid";
        await PlatformFixture.ReadJsonAsync(await platform.Http.PostAsJsonAsync("/api/event-types", new { name = type, description = "Stripe invoices" }), HttpStatusCode.Created);
        var app = "inbound-app-" + Guid.NewGuid().ToString("N")[..12];
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id = app, name = app }), HttpStatusCode.Created);
        var ofApp = (await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync($"/api/apps/{app}/webhooks", new { url = _receiver.Url("/app-invoices"), events = new[] { type } }), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var (ofDefault, _) = await platform.CreateEndpointAsync(_receiver.Url("/default-invoices"), type);
        try
        {
            var source = await platform.CreateSourceAsync("stripe", StripeSecret, new { applicationId = app });
            Assert.Equal(app, (await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/admin/sources/{source}"), HttpStatusCode.OK))["applicationId"]!.GetValue<string>());
            var eventId = "evt_" + Guid.NewGuid().ToString("N");

            var webhookId = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, StripeSecret, InboundRequests.StripeEvent(eventId, amount: 10, type: "invoice.paid")));
            await platform.WaitForDeliveryAsync(PlatformIds.DeliveryId(eventId, ofApp), d => d.Status == DeliveryStatus.Delivered);
            var message = await platform.WaitForMessageAsync(webhookId, m => m.Status == InboundMessageStatus.Processed);
            Assert.Equal(app, message.ApplicationId);

            // The event is the application's: the default application's subscriber of the same type never hears of it.
            Assert.Single((await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/apps/{app}/deliveries/{PlatformIds.DeliveryId(eventId, ofApp)}"), HttpStatusCode.OK))["attempts"]!.AsArray());
            await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/deliveries/{PlatformIds.DeliveryId(eventId, ofDefault)}"));
            Assert.DoesNotContain(_receiver.Received, r => r.Path == "/default-invoices" && r.Body.Contains(eventId, StringComparison.Ordinal));
        }
        finally
        {
            await platform.Http.DeleteAsync($"/api/webhooks/{ofDefault}");
        }
    }

    [Fact]
    public async Task ASourceForAnApplicationThatDoesNotExistOrIsMisspeltIsRefused()
    {
        await ApiAssert.NotFoundAsync(await platform.Http.PostAsJsonAsync("/api/admin/sources", new { id = "src-" + Guid.NewGuid().ToString("N")[..8], provider = "stripe", secret = StripeSecret, applicationId = "no-such-app-" + Guid.NewGuid().ToString("N")[..8] }));
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/sources", new { id = "src-" + Guid.NewGuid().ToString("N")[..8], provider = "stripe", secret = StripeSecret, applicationId = "bad app/id" }), "applicationId");
    }

    [Fact]
    public async Task GrainClientReceivesAndReadsInboundWebhooksThroughTheContract()
    {
        var sourceId = "grain-" + Guid.NewGuid().ToString("N");
        var created = await platform.Grains.GetGrain<IInboundSourceGrain>(sourceId).CreateAsync(new InboundSourceDefinition
        {
            Provider = InboundProviders.GitHub,
            Secret = "grain-client-secret",
        });
        Assert.Equal(7, created.MaxAttempts);
        Assert.Contains(await platform.Grains.GetGrain<IInboundSourceDirectoryGrain>(IInboundSourceDirectoryGrain.Key).ListAsync(), s => s.Id == sourceId);
        const string body = "{\"action\":\"created\",\"issue\":{\"number\":1}}";
        var delivery = Guid.NewGuid().ToString();

        var receipt = await platform.Grains.GetGrain<IInboundReceiverGrain>(0).ReceiveAsync(new InboundRequest
        {
            SourceId = sourceId,
            Body = System.Text.Encoding.UTF8.GetBytes(body),
            Headers = new()
            {
                ["X-GitHub-Event"] = "issue_comment",
                ["X-GitHub-Delivery"] = delivery,
                ["X-Hub-Signature-256"] = ProviderSignatures.GitHub("grain-client-secret", body),
            },
        });

        Assert.Equal(new InboundReceipt { Outcome = InboundOutcome.Accepted, MessageId = $"{sourceId}:{delivery}" }, receipt);
        var message = await platform.WaitForMessageAsync(receipt.MessageId!, m => m.Status == InboundMessageStatus.Processed);
        Assert.Equal("github.issue_comment.created", message.EventType);
        var page = await platform.Grains.GetGrain<IInboundAdminGrain>(0).ListMessagesAsync(new InboundMessageQuery { SourceId = sourceId });
        Assert.Equal([receipt.MessageId], page.Items.Select(m => m.Id));
        Assert.Null(page.Items[0].Body);
        var stats = await platform.Grains.GetGrain<IInboundAdminGrain>(0).GetStatsAsync();
        Assert.Equal(InboundProviders.All.Order(StringComparer.Ordinal), stats.Providers.Keys.Order(StringComparer.Ordinal));

        var forged = await platform.Grains.GetGrain<IInboundReceiverGrain>(0).ReceiveAsync(new InboundRequest
        {
            SourceId = sourceId,
            Body = System.Text.Encoding.UTF8.GetBytes(body),
            Headers = new() { ["X-GitHub-Event"] = "issue_comment", ["X-Hub-Signature-256"] = ProviderSignatures.GitHub("forged", body) },
        });
        Assert.Equal((InboundOutcome.Rejected, InboundErrorCodes.InvalidSignature), (forged.Outcome, forged.ErrorCode));
    }
}
