using Akademia.Webhooks.Tests.Api;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Inbound;

/// <summary>Listing inbound messages, and messages the platform refuses for good.</summary>
[Collection(nameof(InboundCollection))]
public sealed class InboundMessageAdminTests(InboundFixture platform)
{
    private const string Secret = "whsec_message_admin_tests_secret";

    /// <summary>A Stripe event larger than the silo's event limit: accepted, then refused by the platform on every attempt.</summary>
    private static string OversizedEvent(string id) =>
        InboundRequests.StripeEvent(id).Replace("\"livemode\":false", "\"livemode\":false,\"padding\":\"" + new string('x', InboundFixture.MaxEventBytes) + "\"", StringComparison.Ordinal);

    [Fact]
    public async Task EventThePlatformRefusesIsDeadLetteredAtOnceWithoutRetries()
    {
        var source = await platform.CreateSourceAsync("stripe", Secret);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");

        var webhookId = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, OversizedEvent(eventId)));

        var failed = await platform.WaitForMessageAsync(webhookId, m => m.Status == InboundMessageStatus.Failed);
        var attempt = Assert.Single(failed.Attempts);
        Assert.Equal((InboundErrorCodes.MalformedPayload, false), (attempt.ErrorCode, attempt.Retryable));
        var entry = await platform.Grains.GetGrain<IInboundDeadLetterGrain>(webhookId).GetAsync();
        Assert.Equal((source, "stripe", InboundErrorCodes.MalformedPayload, 1), (entry!.SourceId, entry.Provider, entry.ErrorCode, entry.Attempts));
        Assert.Null(entry.ReplayedAt);

        // Replayed, it is refused again and comes back to its entry, whose history now holds both rounds.
        var replay = await platform.PostDataAsync($"/api/admin/inbound/dead-letter/{webhookId}/replay");
        Assert.Equal((webhookId, "replaying"), (replay["webhookId"]!.GetValue<string>(), replay["status"]!.GetValue<string>()));
        await Eventually.HoldsAsync(async () => (await platform.Grains.GetGrain<IInboundDeadLetterGrain>(webhookId).GetAsync()) is { ReplayedAt: null, AttemptHistory.Length: 2 },
            TimeSpan.FromSeconds(30), () => "the replayed message did not fail back into the queue");
        var again = await platform.Grains.GetGrain<IInboundDeadLetterGrain>(webhookId).GetAsync();
        Assert.Equal(1, again!.ReplayCount);
        Assert.Equal(entry.CreatedAt, again.CreatedAt);
        var message = await platform.WaitForMessageAsync(webhookId, m => m.Status == InboundMessageStatus.Failed);
        Assert.Equal(1, message.ReplayCount);

        await ApiAssert.NotFoundAsync(await platform.Http.PostAsync("/api/admin/inbound/dead-letter/no-such:entry/replay", null));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync("/api/admin/inbound/dead-letter/no-such:entry"));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync("/api/admin/inbound/messages/no-such:message"));
    }

    [Fact]
    public async Task MessagesAreListedNewestFirstAndFilteredBySourceStatusAndTime()
    {
        var source = await platform.CreateSourceAsync("stripe", Secret);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var first = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))));
        var refused = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, OversizedEvent("evt_" + Guid.NewGuid().ToString("N"))));
        var last = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))));
        await platform.WaitForMessageAsync(first, m => m.Status == InboundMessageStatus.Processed);
        await platform.WaitForMessageAsync(refused, m => m.Status == InboundMessageStatus.Failed);
        await platform.WaitForMessageAsync(last, m => m.Status == InboundMessageStatus.Processed);
        const string messages = "/api/admin/inbound/messages";

        var all = await platform.GetDataAsync($"{messages}?sourceId={source}");
        Assert.Equal([last, refused, first], Ids(all));
        Assert.Null(all["nextCursor"]);
        Assert.All(all["items"]!.AsArray(), m => Assert.Null(m!["body"]));

        Assert.Equal([refused], Ids(await platform.GetDataAsync($"{messages}?sourceId={source}&status=failed")));
        Assert.Equal([last, first], Ids(await platform.GetDataAsync($"{messages}?sourceId={source}&status=processed")));
        Assert.Empty(Ids(await platform.GetDataAsync($"{messages}?sourceId={source}&status=retrying")));
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"));
        Assert.Empty(Ids(await platform.GetDataAsync($"{messages}?sourceId={source}&from={future}")));
        var window = $"from={Uri.EscapeDataString(before.ToString("O"))}&to={future}";
        Assert.Equal(3, Ids(await platform.GetDataAsync($"{messages}?sourceId={source}&{window}")).Count);
        Assert.Contains(last, Ids(await platform.GetDataAsync($"{messages}?limit=100")));

        // Paging: one per page, in order, no overlap.
        var page1 = await platform.GetDataAsync($"{messages}?sourceId={source}&limit=2");
        var page2 = await platform.GetDataAsync($"{messages}?sourceId={source}&limit=2&cursor={Uri.EscapeDataString(page1["nextCursor"]!.GetValue<string>())}");
        Assert.Equal([last, refused], Ids(page1));
        Assert.Equal([first], Ids(page2));
        Assert.Null(page2["nextCursor"]);

        await ApiAssert.ValidationErrorAsync(await platform.Http.GetAsync($"{messages}?status=lost"), "status");
        await ApiAssert.ValidationErrorAsync(await platform.Http.GetAsync($"{messages}?limit=101"), "limit");
        await ApiAssert.ValidationErrorAsync(await platform.Http.GetAsync($"{messages}?limit=ten"), "limit");
        await ApiAssert.ValidationErrorAsync(await platform.Http.GetAsync($"{messages}?cursor=bogus"), "cursor");
    }

    [Fact]
    public async Task DeadLettersAreListedAndFilteredByProviderErrorTypeAndTime()
    {
        var source = await platform.CreateSourceAsync("stripe", Secret);
        var webhookId = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, OversizedEvent("evt_" + Guid.NewGuid().ToString("N"))));
        await platform.WaitForMessageAsync(webhookId, m => m.Status == InboundMessageStatus.Failed);
        const string dlq = "/api/admin/inbound/dead-letter";

        Assert.Contains(webhookId, Ids(await platform.GetDataAsync($"{dlq}?provider=stripe&errorType=MALFORMED_PAYLOAD&limit=100")));
        Assert.DoesNotContain(webhookId, Ids(await platform.GetDataAsync($"{dlq}?provider=github&limit=100")));
        Assert.DoesNotContain(webhookId, Ids(await platform.GetDataAsync($"{dlq}?errorType=TIMEOUT&limit=100")));
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"));
        Assert.Empty(Ids(await platform.GetDataAsync($"{dlq}?sourceId={source}&from={future}")));
        var entry = Assert.Single((await platform.GetDataAsync($"{dlq}?sourceId={source}"))["items"]!.AsArray())!;
        Assert.Equal("MALFORMED_PAYLOAD", entry["errorCode"]!.GetValue<string>());
        Assert.StartsWith("The platform refused the event", entry["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        await ApiAssert.ValidationErrorAsync(await platform.Http.GetAsync($"{dlq}?provider=paypal"), "provider");

        // A batch replay that matches nothing replays nothing.
        var none = await platform.PostDataAsync($"/api/admin/inbound/dead-letter/replay?provider=github&errorType=NO_SUCH_ERROR");
        Assert.Equal((0, 0, 0), (none["total"]!.GetValue<int>(), none["successful"]!.GetValue<int>(), none["failed"]!.GetValue<int>()));
    }

    private static List<string> Ids(System.Text.Json.Nodes.JsonNode page) =>
        [.. page["items"]!.AsArray().Select(m => m!["id"]!.GetValue<string>())];
}
