using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>Creating sources and sending them requests signed as each provider signs.</summary>
public static class InboundRequests
{
    public static async Task<string> CreateSourceAsync(this PlatformFixture platform, string provider, string secret, object? settings = null)
    {
        var id = $"{provider}-{Guid.NewGuid():N}";
        var body = JsonSerializer.SerializeToNode(settings ?? new { })!.AsObject();
        body["id"] = id;
        body["provider"] = provider;
        body["secret"] = secret;
        var response = await platform.Http.PostAsJsonAsync("/api/admin/sources", body);
        await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.Created);
        return id;
    }

    public static string StripeEvent(string id, string type = "payment_intent.succeeded", int amount = 2000) =>
        "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2024-06-20\",\"created\":1700000000,\"type\":\"" + type
        + "\",\"livemode\":false,\"data\":{\"object\":{\"id\":\"pi_" + id[4..] + "\",\"object\":\"payment_intent\",\"amount\":"
        + amount.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"currency\":\"eur\",\"status\":\"succeeded\"}}}";

    public static Task<HttpResponseMessage> SendStripeAsync(this PlatformFixture platform, string sourceId, string secret, string body, DateTimeOffset? signedAt = null) =>
        platform.SendInboundAsync(sourceId, body, ("Stripe-Signature", ProviderSignatures.Stripe(secret, body, signedAt ?? DateTimeOffset.UtcNow)));

    public static Task<HttpResponseMessage> SendGitHubAsync(this PlatformFixture platform, string sourceId, string secret, string eventName, string deliveryId, string body) =>
        platform.SendInboundAsync(sourceId, body,
            ("X-GitHub-Event", eventName), ("X-GitHub-Delivery", deliveryId), ("X-Hub-Signature-256", ProviderSignatures.GitHub(secret, body)));

    public static Task<HttpResponseMessage> SendStandardAsync(this PlatformFixture platform, string sourceId, string secret, string messageId, string body)
    {
        var now = DateTimeOffset.UtcNow;
        return platform.SendInboundAsync(sourceId, body,
            ("webhook-id", messageId),
            ("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("webhook-signature", ProviderSignatures.Standard(secret, messageId, now, body)));
    }

    /// <summary>A POST as a third party sends it: no API key, the body as given.</summary>
    public static async Task<HttpResponseMessage> SendInboundAsync(this PlatformFixture platform, string sourceId, string body, params (string Name, string Value)[] headers)
    {
        using var client = platform.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inbound/{sourceId}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    public static async Task<string> AcceptedIdAsync(HttpResponseMessage response)
    {
        var data = (await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.Accepted))["data"]!;
        Assert.Equal("accepted", data["status"]!.GetValue<string>());
        return data["webhookId"]!.GetValue<string>();
    }

    /// <summary>Reads the message until <paramref name="done"/> holds.</summary>
    public static async Task<InboundMessage> WaitForMessageAsync(this PlatformFixture platform, string messageId, Func<InboundMessage, bool> done, TimeSpan? timeout = null)
    {
        InboundMessage? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            last = await platform.Grains.GetGrain<IInboundMessageGrain>(messageId).GetAsync();
            return last is not null && done(last);
        }, timeout ?? TimeSpan.FromSeconds(30), () => $"message {messageId} is {JsonSerializer.Serialize(last)}");
        return last!;
    }

    /// <summary>
    /// Moves the grains' clock (<see cref="PlatformTestOptions.GrainClock"/>) by the inbound processing
    /// delay at a time until <paramref name="done"/> holds for the message.
    /// </summary>
    public static async Task<InboundMessage> AdvanceUntilAsync(this PlatformFixture platform, string messageId, Func<InboundMessage, bool> done, TimeSpan? timeout = null)
    {
        var clock = platform.Options.GrainClock ?? throw new InvalidOperationException("this platform's grains run on real time");
        InboundMessage? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            last = await platform.Grains.GetGrain<IInboundMessageGrain>(messageId).GetAsync();
            if (last is not null && done(last))
            {
                return true;
            }

            clock.Advance(platform.Options.Inbound.ProcessingDelay);
            return false;
        }, timeout ?? TimeSpan.FromSeconds(30), () => $"message {messageId} is {JsonSerializer.Serialize(last)}");
        return last!;
    }

    public static async Task<JsonNode> GetMessageAsync(this PlatformFixture platform, string messageId) =>
        await platform.GetDataAsync($"/api/admin/inbound/messages/{Uri.EscapeDataString(messageId)}");
}
