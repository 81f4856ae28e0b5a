using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Api;
using Akademia.Webhooks.Tests.Infrastructure;
using StackExchange.Redis;

namespace Akademia.Webhooks.Tests.Inbound;

/// <summary>
/// Inbound messages on real Redis. Processing waits an hour on the grains' fake clock (see
/// <see cref="InboundRedisFixture"/>), so each test sees a message accepted and not yet processed for
/// as long as it needs, then lets processing happen by moving that clock.
/// </summary>
[Trait("Category", "Redis")]
public sealed class InboundDurabilityTests(InboundRedisFixture platform) : IClassFixture<InboundRedisFixture>
{
    private const string Secret = "whsec_durability_tests_secret_0123456789";

    [Fact]
    public async Task WebhookIsAnswered202WhileItsMessageIsStillReceived()
    {
        var source = await platform.CreateSourceAsync("stripe", Secret);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");

        // Processing runs in the message grain's own timer, an hour away on the grains' clock. Had the
        // answer waited for it, this call would not return until the clock is moved, below.
        var webhookId = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, InboundRequests.StripeEvent(eventId)));

        var received = await platform.GetMessageAsync(webhookId);
        Assert.Equal("received", received["status"]!.GetValue<string>());
        Assert.Empty(received["attempts"]!.AsArray());
        Assert.Equal(
            received["receivedAt"]!.GetValue<DateTimeOffset>() + InboundRedisFixture.ProcessingDelay,
            received["nextAttemptAt"]!.GetValue<DateTimeOffset>());

        var processed = await platform.AdvanceUntilAsync(webhookId, m => m.Status == InboundMessageStatus.Processed);
        Assert.Equal(eventId, processed.EventId);
        Assert.True(Assert.Single(processed.Attempts).StartedAt >= processed.ReceivedAt + InboundRedisFixture.ProcessingDelay);
    }

    [Fact]
    public async Task AcceptedMessageSurvivesAClusterRestartAndIsProcessed()
    {
        var source = await platform.CreateSourceAsync("stripe", Secret);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var body = InboundRequests.StripeEvent(eventId);
        var webhookId = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, body));
        Assert.Equal("received", (await platform.GetMessageAsync(webhookId))["status"]!.GetValue<string>());

        await platform.RestartClusterAsync();

        var afterRestart = await platform.GetMessageAsync(webhookId);
        Assert.Equal("received", afterRestart["status"]!.GetValue<string>());
        Assert.Equal(body, afterRestart["body"]!.GetValue<string>());
        // Still a duplicate for the new cluster: the message grain, keyed by source and event id, is in Redis.
        var again = await ApiAssert.SuccessAsync(await platform.SendStripeAsync(source, Secret, body), HttpStatusCode.OK);
        Assert.Equal("duplicate", again["status"]!.GetValue<string>());

        // Nothing in this process remembers the message: the new silos find it through its reminder.
        var processed = await platform.AdvanceUntilAsync(webhookId, m => m.Status == InboundMessageStatus.Processed);
        Assert.Equal("stripe.payment_intent.succeeded", processed.EventType);
        Assert.Single(processed.Attempts);
    }

    [Fact]
    public async Task RetryableFailuresAreRetriedThenDeadLetteredAndReplayProcessesOnceTheCauseIsFixed()
    {
        var source = await platform.CreateSourceAsync("stripe", Secret, new { maxAttempts = 3 });
        var eventId = "evt_" + Guid.NewGuid().ToString("N");

        // A real storage fault on one record: the key where the platform event's grain keeps its state
        // holds a Redis list, so every read of it fails (WRONGTYPE) until the key is repaired. The
        // name is learnt from an event stored normally.
        var redis = await ConnectionMultiplexer.ConnectAsync(platform.Redis.ConnectionString);
        await using var _ = redis;
        var broken = await EventStateKeyAsync(redis, eventId);
        await redis.GetDatabase().ListLeftPushAsync(broken, "not grain state");

        var webhookId = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, Secret, InboundRequests.StripeEvent(eventId)));
        var failed = await platform.AdvanceUntilAsync(webhookId, m => m.Status == InboundMessageStatus.Failed);

        Assert.Equal([1, 2, 3], failed.Attempts.Select(a => a.Number));
        Assert.All(failed.Attempts, a => Assert.True(a.Retryable && !a.Succeeded));
        Assert.All(failed.Attempts, a => Assert.Equal(InboundErrorCodes.ServiceUnavailable, a.ErrorCode));
        const string errorType = InboundErrorCodes.ServiceUnavailable;
        var entry = await platform.GetDataAsync($"/api/admin/inbound/dead-letter/{webhookId}");
        Assert.Equal(errorType, entry["errorCode"]!.GetValue<string>());
        Assert.Equal(3, entry["attempts"]!.GetValue<int>());
        Assert.Equal([1, 2, 3], entry["attemptHistory"]!.AsArray().Select(a => a!["number"]!.GetValue<int>()));
        Assert.Equal("stripe", entry["provider"]!.GetValue<string>());
        var listed = await platform.GetDataAsync($"/api/admin/inbound/dead-letter?sourceId={source}");
        Assert.Equal(webhookId, Assert.Single(listed["items"]!.AsArray())!["id"]!.GetValue<string>());

        // The cause repaired, a batch replay by provider and error type queues it again.
        await redis.GetDatabase().KeyDeleteAsync(broken);
        var batch = await platform.PostDataAsync($"/api/admin/inbound/dead-letter/replay?provider=stripe&errorType={errorType}&limit=100");

        var result = Assert.Single(batch["results"]!.AsArray())!;
        Assert.Equal((1, 1, 0), (batch["total"]!.GetValue<int>(), batch["successful"]!.GetValue<int>(), batch["failed"]!.GetValue<int>()));
        Assert.Equal(webhookId, result["webhookId"]!.GetValue<string>());
        Assert.Equal("replaying", result["status"]!.GetValue<string>());
        var processed = await platform.AdvanceUntilAsync(webhookId, m => m.Status == InboundMessageStatus.Processed);
        Assert.Equal(1, processed.ReplayCount);
        Assert.Single(processed.Attempts);
        Assert.Equal(eventId, processed.EventId);

        // The entry left the queue; replaying it again is a conflict.
        Assert.Empty((await platform.GetDataAsync($"/api/admin/inbound/dead-letter?sourceId={source}"))["items"]!.AsArray());
        var replayed = await platform.GetDataAsync($"/api/admin/inbound/dead-letter/{webhookId}");
        Assert.NotNull(replayed["replayedAt"]);
        Assert.Equal(1, replayed["replayCount"]!.GetValue<int>());
        await ApiAssert.ErrorAsync(await platform.Http.PostAsync($"/api/admin/inbound/dead-letter/{webhookId}/replay", null), HttpStatusCode.Conflict, ErrorCodes.Conflict);
    }

    [Fact]
    public async Task SourceSecretsAreEncryptedInStorage()
    {
        const string secret = "whsec_plaintext_must_never_be_stored_4711";
        var source = await platform.CreateSourceAsync("stripe", secret, new { previousSecrets = new[] { "whsec_previous_never_stored_0815" } });

        var redis = await ConnectionMultiplexer.ConnectAsync(platform.Redis.ConnectionString);
        await using var _ = redis;
        var dump = await DumpAsync(redis);

        Assert.Contains(source, dump, StringComparison.Ordinal);
        Assert.DoesNotContain("plaintext_must_never_be_stored", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("previous_never_stored", dump, StringComparison.Ordinal);
        await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(source, secret, InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))));
    }

    /// <summary>The Redis key of the platform event grain for <paramref name="eventId"/>, found by storing another event.</summary>
    private async Task<RedisKey> EventStateKeyAsync(ConnectionMultiplexer redis, string eventId)
    {
        var probe = "probe-" + Guid.NewGuid().ToString("N");
        var type = await platform.NewEventTypeAsync();
        var response = await platform.Http.PostAsJsonAsync("/api/events", new { id = probe, type, data = new { } });
        await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.Accepted);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: $"*{probe}*"))
        {
            keys.Add(key);
        }

        var probeKey = Assert.Single(keys).ToString();
        return probeKey.Replace(probe, eventId, StringComparison.Ordinal);
    }

    private static async Task<string> DumpAsync(ConnectionMultiplexer redis)
    {
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var db = redis.GetDatabase();
        var text = new System.Text.StringBuilder();
        await foreach (var key in server.KeysAsync())
        {
            text.Append(key.ToString()).Append('\n');
            var type = await db.KeyTypeAsync(key);
            if (type == RedisType.String)
            {
                text.Append(await db.StringGetAsync(key)).Append('\n');
            }
            else if (type == RedisType.Hash)
            {
                foreach (var entry in await db.HashGetAllAsync(key))
                {
                    text.Append(entry.Name).Append('=').Append(entry.Value).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
