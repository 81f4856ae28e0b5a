using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Akademia.Webhooks.Tests.Infrastructure;

// Every platform variant that needs a cluster of its own, in one place. Each is the one
// PlatformFixture with typed overrides; xUnit shares a fixture per type, so each variant is a type.

/// <summary>A cluster whose breakers never open, so the whole retry ladder reaches the receiver.</summary>
public sealed class LadderFixture() : PlatformFixture(o => o.CircuitBreaker.FailureThreshold = 1000);

/// <summary>
/// The specification's ladder (1 min to 2 h, no jitter) on a fake clock (<see cref="ReminderClock"/>)
/// that the test moves, with breakers that never open.
/// </summary>
public sealed class FakeTimeLadderFixture() : PlatformFixture(o =>
{
    o.Clock = new ReminderClock();
    o.Delivery.RetryDelays = null;
    o.CircuitBreaker.FailureThreshold = 1000;
})
{
    public ReminderClock Clock => Options.Clock!;

    /// <summary>
    /// Drives failing deliveries up the whole ladder, one phase per step: every delivery's attempt
    /// has arrived, recorded its outcome and armed its retry's tick; then the clock moves one step.
    /// Returns once each has made its last attempt and disarmed its retry (it is dead-lettered).
    /// </summary>
    public async Task DriveLadderAsync(WebhookReceiver receiver, params string[] deliveryIds)
    {
        var ladder = Options.Delivery.EffectiveRetryDelays;
        for (var step = 0; step < ladder.Count; step++)
        {
            foreach (var id in deliveryIds)
            {
                await AttemptRecordedAsync(receiver, id, step + 1);
                await Clock.WaitUntilArmedAsync(Grain(id), step + 1, Timeout);
            }

            await Clock.AdvanceAsync(ladder[step]);
        }

        foreach (var id in deliveryIds)
        {
            await AttemptRecordedAsync(receiver, id, ladder.Count + 1);
            await Clock.WaitUntilUnregisteredAsync(Grain(id), Timeout);
        }
    }

    public static GrainId Grain(string deliveryId) => GrainId.Create("delivery", deliveryId);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A cluster with an hour-long ladder, so that nothing retries by itself: tests drive attempts with
/// <c>POST /api/admin/webhooks/process</c>.
/// </summary>
public sealed class ManualRetryFixture() : PlatformFixture(o =>
{
    o.Delivery.RetryDelays = [.. Enumerable.Repeat(TimeSpan.FromHours(1), 6)];
    o.CircuitBreaker.OpenDuration = TimeSpan.FromSeconds(2);
});

/// <summary>A cluster with the production destination policy: no private or loopback address is allowed.</summary>
public sealed class StrictDestinationFixture() : PlatformFixture(o => o.Delivery.AllowedDestinationNetworks = null);

/// <summary>Endpoints that fail without a success for two seconds are disabled.</summary>
public sealed class ShortAutoDisableFixture() : PlatformFixture(o =>
{
    o.Endpoints.AutoDisableAfter = TimeSpan.FromSeconds(2);
    o.CircuitBreaker.FailureThreshold = 1000;
});

/// <summary>
/// A gateway with budgets small enough to spend in a test: the standard tier 5 per minute, the
/// strict tier 3 per minute, the publish tier 8 per minute. No proxy is trusted, so forwarding
/// headers are ignored. Budgets are per API key, so it has <see cref="ExtraAdminKeys"/> more admin
/// keys: a test that spends a budget uses a key of its own.
/// </summary>
public sealed class RateLimitFixture() : PlatformFixture(o => Configure(o))
{
    public const int StandardLimit = 5;
    public const int StrictLimit = 3;
    public const int PublishLimit = 8;
    public const int ExtraAdminKeys = 12;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The <paramref name="n"/>-th extra admin key (0 to <see cref="ExtraAdminKeys"/> - 1).</summary>
    public static string AdminKeyNumber(int n) => $"rate-limit-admin-key-{n:D2}-0123456789";

    /// <summary>An HTTP client with its own admin key, so with budgets of its own.</summary>
    public HttpClient ClientWithOwnBudget(int n) => ClientWithKey(AdminKeyNumber(n));

    /// <summary>The budgets and keys, also for the variants behind a proxy.</summary>
    public static void Configure(PlatformTestOptions o)
    {
        o.RateLimiting.Tiers["standard"] = new RateLimitTier { Limit = StandardLimit, Window = Window };
        o.RateLimiting.Tiers["strict"] = new RateLimitTier { Limit = StrictLimit, Window = Window };
        o.RateLimiting.Tiers["publish"] = new RateLimitTier { Limit = PublishLimit, Window = Window };
        for (var n = 0; n < ExtraAdminKeys; n++)
        {
            o.Auth.ApiKeys.Add(new ApiKeyEntry { Name = $"rate-limit-admin-{n}", Key = AdminKeyNumber(n), Roles = ["admin"] });
        }
    }
}

/// <summary>
/// The same budgets behind a trusted proxy, with the counters bounded to one shard of
/// <see cref="Counters"/>, so that a test can go past the bound.
/// </summary>
public sealed class BoundedRateLimitFixture() : PlatformFixture(o =>
{
    RateLimitFixture.Configure(o);
    o.RateLimiting.TrustedProxies = ["127.0.0.1"];
    o.RateLimiting.Shards = 1;
    o.RateLimiting.CountersPerShard = Counters;
})
{
    public const int Counters = 4;
}

/// <summary>The same budgets, behind a proxy on loopback whose <c>X-Forwarded-For</c> is believed.</summary>
public sealed class TrustedProxyFixture() : PlatformFixture(o =>
{
    RateLimitFixture.Configure(o);
    o.RateLimiting.TrustedProxies = ["127.0.0.1"];
});

/// <summary>A gateway that gives the test route one second.</summary>
public sealed class ShortTimeoutFixture() : PlatformFixture(o => o.Timeouts.TestRoute = TimeSpan.FromSeconds(1));

/// <summary>A cluster that counts storage writes, whose client-error log keeps only the last three reports.</summary>
public sealed class ClientErrorFixture() : PlatformFixture(o =>
{
    o.CountStorageWrites = true;
    o.ClientErrors.Capacity = Capacity;
})
{
    public const int Capacity = 3;
}

/// <summary>A cluster that counts storage writes and caches health probes for a minute (the most allowed), longer than the test takes.</summary>
public sealed class HealthCacheFixture() : PlatformFixture(o =>
{
    o.CountStorageWrites = true;
    o.Monitor.HealthProbeCacheDuration = TimeSpan.FromMinutes(1);
});

/// <summary>
/// A cluster whose grains' clock (<c>TimeProviderNames.Grains</c>, which idempotency keys expire by)
/// is a <see cref="FakeTimeProvider"/>, with keys kept 10 minutes (<c>Idempotency:KeyRetention</c>).
/// Publishing uses no grain timer, so nothing else here depends on that clock.
/// </summary>
public sealed class IdempotencyClockFixture() : PlatformFixture(o =>
{
    o.GrainClock = GrainClock;
    o.Idempotency.KeyRetention = Retention;
})
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    /// <summary>Shared with the silos, which are in this process.</summary>
    public static FakeTimeProvider GrainClock { get; } = new(DateTimeOffset.UtcNow);
}

/// <summary>
/// The platform with inbound retries compressed to tens of milliseconds, and a small event size
/// limit on the silo (4 KiB, well below the gateway's 256 KiB), so that a larger inbound message is
/// accepted but refused as an event: a permanent processing failure.
/// </summary>
public class InboundFixture() : PlatformFixture(o =>
{
    FastInboundRetries(o);
    o.Delivery.MaxEventBytes = MaxEventBytes;
})
{
    public const int MaxEventBytes = 4096;

    internal static void FastInboundRetries(PlatformTestOptions o)
    {
        o.Inbound.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
        o.Inbound.RetryJitter = TimeSpan.FromMilliseconds(50);
        o.Inbound.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
        o.Inbound.ReminderPeriod = TimeSpan.FromSeconds(1);
    }
}

[CollectionDefinition(nameof(InboundCollection))]
public sealed class InboundCollection : ICollectionFixture<InboundFixture>;

/// <summary>A cluster of its own, so that the figures asserted are the test's alone.</summary>
public sealed class InboundStatsFixture : InboundFixture;

/// <summary>What the durable backends share: breakers that never open, a quicker fan-out re-drive, a two-second ladder.</summary>
internal static class DurableDefaults
{
    public static void Apply(PlatformTestOptions o, StorageMode storage)
    {
        o.Storage = storage;
        o.CircuitBreaker.FailureThreshold = 1000;
        o.Delivery.FanOutRedrivePeriod = TimeSpan.FromSeconds(1);
        o.Delivery.RetryDelays = [.. Enumerable.Repeat(TimeSpan.FromSeconds(2), 6)];
    }
}

/// <summary>The platform on Redis storage and reminders, with a redis-server of its own.</summary>
public sealed class RedisPlatformFixture() : PlatformFixture(o => DurableDefaults.Apply(o, StorageMode.Redis));

/// <summary>Two silos on Redis.</summary>
public sealed class TwoSiloRedisFixture() : PlatformFixture(o =>
{
    DurableDefaults.Apply(o, StorageMode.Redis);
    o.Silos = 2;
});

/// <summary>The platform on Azure Table Storage (grain state and reminders), with an Azurite of its own.</summary>
public sealed class AzuritePlatformFixture() : PlatformFixture(o => DurableDefaults.Apply(o, StorageMode.AzureTables));

/// <summary>
/// Inbound on real Redis, with the grains' clock (<c>TimeProviderNames.Grains</c>: grain timers and
/// what inbound messages schedule by) a <see cref="FakeTimeProvider"/> and a first-processing delay
/// of an hour on it: an accepted message stays <c>received</c> until the test moves that clock, so
/// what happens before processing (the 202, a restart) is observed without racing it. Every other
/// clock (reminders, messaging, signatures) is real.
/// </summary>
public sealed class InboundRedisFixture() : PlatformFixture(o =>
{
    DurableDefaults.Apply(o, StorageMode.Redis);
    InboundFixture.FastInboundRetries(o);
    o.Inbound.ProcessingDelay = ProcessingDelay;
    o.GrainClock = GrainClock;
})
{
    public static readonly TimeSpan ProcessingDelay = TimeSpan.FromHours(1);

    /// <summary>Shared with the silos, which are in this process; it survives a cluster restart.</summary>
    public static FakeTimeProvider GrainClock { get; } = new(DateTimeOffset.UtcNow);
}

/// <summary>
/// Managed keys and portal tokens on one fake clock, which the test moves: the gateway's
/// authentication clock (cache ages, key and token expiry) and the grains' clock (portal tokens are
/// issued and verified by it). The cache keeps its production age (30 s), so a test sees the
/// revocation bound by moving the clock past it. Every log record of the silo and the gateway is
/// collected, for the tests that look for secrets in them.
/// </summary>
public sealed class AccessFixture() : PlatformFixture(o =>
{
    o.GrainClock = Clock;
    o.GatewayClock = Clock;
    o.AuthCache.MaxAge = new AuthCacheOptions().MaxAge;
    o.Logs = Logs;
})
{
    /// <summary>Shared with the silo and the gateway, which are in this process.</summary>
    public static FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public static FakeLogCollector Logs { get; } = new();
}

[CollectionDefinition(nameof(AccessCollection))]
public sealed class AccessCollection : ICollectionFixture<AccessFixture>;

/// <summary>A cluster that counts grain calls and storage writes, for the cost of one publish and its delivery.</summary>
public sealed class CostCountingFixture() : PlatformFixture(o =>
{
    o.CountStorageWrites = true;
    o.CountGrainCalls = true;
});

/// <summary>
/// Retention on a fake clock (<see cref="ReminderClock"/>) that the test moves: events, deliveries and
/// dead letters are kept <see cref="Retention"/> by default; tests sweep with the sweeper's own call.
/// </summary>
public sealed class RetentionFixture() : PlatformFixture(o =>
{
    o.Clock = new ReminderClock();
    o.Retention.Period = Retention;
    o.CircuitBreaker.FailureThreshold = 1000;
    o.Delivery.DeliveryLogSegmentSize = DeliveryLogSegmentSize;
})
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3);

    /// <summary>The smallest segment allowed, so that a test seals segments with a few publishes.</summary>
    public const int DeliveryLogSegmentSize = 10;

    public ReminderClock Clock => Options.Clock!;
}
