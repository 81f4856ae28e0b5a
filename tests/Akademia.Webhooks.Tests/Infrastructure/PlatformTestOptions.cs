using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Grains.Breakers;
using Akademia.Webhooks.Grains.ClientErrors;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Grains.Inbound;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.PortalAccess;
using Akademia.Webhooks.Grains.Retention;
using Akademia.Webhooks.Grains.Security;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// Everything a test cluster can vary, typed: the platform's own options classes, with the tests'
/// defaults (retries compressed to seconds, loopback receivers allowed, limits no ordinary test
/// reaches), plus the topology (storage backend, silos, fake clocks). A fixture changes what it
/// needs, e.g. <c>o => o.CircuitBreaker.FailureThreshold = 1000</c>; the fixture turns the options
/// into configuration keys, so the silo and the gateway bind and validate them as in production.
/// </summary>
public sealed class PlatformTestOptions
{
    public const string TestEncryptionKey = "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy1sb24=";

    /// <summary>Where grain state and reminders live; Redis and Azure Tables start a server of their own.</summary>
    public StorageMode Storage { get; set; } = StorageMode.Memory;

    /// <summary>Silos the cluster starts with.</summary>
    public short Silos { get; set; } = 1;

    /// <summary>Wrap the platform's grain storage so that writes are counted (<see cref="PlatformFixture.Writes"/>).</summary>
    public bool CountStorageWrites { get; set; }

    /// <summary>Faults the test arms on grain writes (<see cref="FaultInjectingGrainStorage"/>); none if null.</summary>
    public StorageFaults? StorageFaults { get; set; }

    /// <summary>Count the calls the primary silo's grains receive (<see cref="PlatformFixture.Calls"/>).</summary>
    public bool CountGrainCalls { get; set; }

    /// <summary>The grains' clock (<c>TimeProviderNames.Grains</c>: grain timers, idempotency expiry, inbound scheduling); real if null.</summary>
    public FakeTimeProvider? GrainClock { get; set; }

    /// <summary>
    /// One fake clock for reminders, grain timers and the grains' own <see cref="TimeProvider"/>, so
    /// that a test moves a retry ladder itself (see <see cref="ReminderClock"/>); real time if null.
    /// </summary>
    public ReminderClock? Clock { get; set; }

    public DeliveryOptions Delivery { get; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(2),
        RetryDelays = [.. Enumerable.Repeat(TimeSpan.FromSeconds(1), 6)],
        JitterFactor = 0,
        ReminderPeriod = TimeSpan.FromSeconds(1),
        FanOutRedrivePeriod = TimeSpan.FromSeconds(2),
        AllowedDestinationNetworks = ["127.0.0.0/8", "::1/128"],
    };

    public CircuitBreakerOptions CircuitBreaker { get; } = new() { OpenDuration = TimeSpan.FromSeconds(3) };

    public EndpointPolicyOptions Endpoints { get; } = new() { TestRetryDelays = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(200), 3)] };

    public SecretsOptions Secrets { get; } = new() { EncryptionKey = TestEncryptionKey, KeyId = "test" };

    public InboundOptions Inbound { get; } = new();

    public IdempotencyOptions Idempotency { get; } = new();

    public ClientErrorOptions ClientErrors { get; } = new();

    public MonitorOptions Monitor { get; } = new();

    public RetentionOptions Retention { get; } = new();

    /// <summary>The gateway's API keys: three, one per role (<see cref="PlatformFixture.AdminKey"/> …).</summary>
    public AuthOptions Auth { get; } = new()
    {
        ApiKeys =
        [
            new() { Name = "test-admin", Key = PlatformFixture.AdminKey, Roles = ["admin"] },
            // Configured by hash, as production should be.
            new()
            {
                Name = "test-publisher",
                KeyHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(PlatformFixture.PublisherKey))),
                Roles = ["publisher"],
            },
            new() { Name = "test-reader", Key = PlatformFixture.ReaderKey, Roles = ["reader"] },
        ],
    };

    public RateLimitOptions RateLimiting { get; } = new()
    {
        Tiers = new(StringComparer.OrdinalIgnoreCase)
        {
            ["standard"] = new() { Limit = 1_000_000 },
            ["strict"] = new() { Limit = 1_000_000 },
            ["publish"] = new() { Limit = 1_000_000 },
        },
    };

    public TimeoutOptions Timeouts { get; } = new();

    /// <summary>The gateway's cache of managed keys and portal tokens: answers are reused for 2 s, so a revocation is seen within 2 s.</summary>
    public AuthCacheOptions AuthCache { get; } = new() { MaxAge = TimeSpan.FromSeconds(2) };

    public PortalAccessOptions PortalAccess { get; } = new();

    /// <summary>The gateway's authentication clock (<c>CredentialLookup.ClockKey</c>: cache ages, key and token expiry); real if null.</summary>
    public FakeTimeProvider? GatewayClock { get; set; }

    /// <summary>When set, every log record of the silos and the gateway is collected here as well.</summary>
    public FakeLogCollector? Logs { get; set; }

    /// <summary>The silos' configuration: each options object under its section, as keys.</summary>
    internal Dictionary<string, string?> SiloSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        ConfigurationKeys.AddChanged(settings, DeliveryOptions.Section, Delivery, new DeliveryOptions());
        ConfigurationKeys.AddChanged(settings, CircuitBreakerOptions.Section, CircuitBreaker, new CircuitBreakerOptions());
        ConfigurationKeys.AddChanged(settings, EndpointPolicyOptions.Section, Endpoints, new EndpointPolicyOptions());
        ConfigurationKeys.AddChanged(settings, SecretsOptions.Section, Secrets, new SecretsOptions());
        ConfigurationKeys.AddChanged(settings, InboundOptions.Section, Inbound, new InboundOptions());
        ConfigurationKeys.AddChanged(settings, IdempotencyOptions.Section, Idempotency, new IdempotencyOptions());
        ConfigurationKeys.AddChanged(settings, ClientErrorOptions.Section, ClientErrors, new ClientErrorOptions());
        ConfigurationKeys.AddChanged(settings, MonitorOptions.Section, Monitor, new MonitorOptions());
        ConfigurationKeys.AddChanged(settings, PortalAccessOptions.Section, PortalAccess, new PortalAccessOptions());
        ConfigurationKeys.AddChanged(settings, RetentionOptions.Section, Retention, new RetentionOptions());
        return settings;
    }

    /// <summary>The gateway's configuration, as keys.</summary>
    internal Dictionary<string, string?> GatewaySettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        ConfigurationKeys.AddChanged(settings, AuthOptions.Section, Auth, new AuthOptions());
        ConfigurationKeys.AddChanged(settings, RateLimitOptions.Section, RateLimiting, new RateLimitOptions());
        ConfigurationKeys.AddChanged(settings, TimeoutOptions.Section, Timeouts, new TimeoutOptions());
        ConfigurationKeys.AddChanged(settings, AuthCacheOptions.Section, AuthCache, new AuthCacheOptions());
        return settings;
    }
}
