using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// The platform with inbound retries compressed to tens of milliseconds, and a small event size
/// limit on the silo (4 KiB, well below the gateway's 256 KiB), so that a larger inbound message is
/// accepted but refused as an event: a permanent processing failure.
/// </summary>
public class InboundFixture : PlatformFixture
{
    public const int MaxEventBytes = 4096;

    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = BaseSiloSettings();
        AddFastInboundRetries(settings);
        settings["Delivery:MaxEventBytes"] = MaxEventBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    internal static void AddFastInboundRetries(Dictionary<string, string?> settings)
    {
        settings["Inbound:RetryBaseDelay"] = "00:00:00.050";
        settings["Inbound:RetryJitter"] = "00:00:00.050";
        settings["Inbound:RetryMaxDelay"] = "00:00:00.500";
        settings["Inbound:ReminderPeriod"] = "00:00:01";
    }
}

[CollectionDefinition(nameof(InboundCollection))]
public sealed class InboundCollection : ICollectionFixture<InboundFixture>;

/// <summary>A cluster of its own, so that the figures asserted are the test's alone.</summary>
public sealed class InboundStatsFixture : InboundFixture;

/// <summary>
/// Inbound on real Redis, with the grains' clock (<c>TimeProviderNames.Grains</c>: grain timers and
/// what inbound messages schedule by) a <see cref="FakeTimeProvider"/> and a first-processing delay
/// of an hour on it: an accepted message stays <c>received</c> until the test moves that clock, so
/// what happens before processing (the 202, a restart) is observed without racing it. Every other
/// clock (reminders, messaging, signatures) is real.
/// </summary>
public sealed class InboundRedisFixture : RedisPlatformFixture
{
    public static readonly TimeSpan ProcessingDelay = TimeSpan.FromHours(1);

    /// <summary>Shared with the silos, which are in this process; it survives a cluster restart.</summary>
    public static FakeTimeProvider GrainClock { get; } = new(DateTimeOffset.UtcNow);

    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = base.SiloSettings();
        InboundFixture.AddFastInboundRetries(settings);
        settings["Inbound:ProcessingDelay"] = ProcessingDelay.ToString();
        return settings;
    }

    protected override void ConfigureCluster(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<GrainClockConfigurator>();

    /// <summary>Moves the grains' clock an hour at a time until <paramref name="done"/> holds for the message.</summary>
    public async Task<InboundMessage> AdvanceUntilAsync(string messageId, Func<InboundMessage, bool> done, TimeSpan? timeout = null)
    {
        InboundMessage? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            last = await Grains.GetGrain<IInboundMessageGrain>(messageId).GetAsync();
            if (last is not null && done(last))
            {
                return true;
            }

            GrainClock.Advance(ProcessingDelay);
            return false;
        }, timeout ?? TimeSpan.FromSeconds(30), () => $"message {messageId} is {JsonSerializer.Serialize(last)}");
        return last!;
    }

    private sealed class GrainClockConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, GrainClock);
    }
}

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

    public static async Task<JsonNode> GetMessageAsync(this PlatformFixture platform, string messageId) =>
        await platform.GetDataAsync($"/api/admin/inbound/messages/{Uri.EscapeDataString(messageId)}");
}
