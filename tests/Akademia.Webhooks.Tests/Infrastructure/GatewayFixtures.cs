namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// A gateway with budgets small enough to spend in a test: the standard tier 5 per minute, the
/// strict tier 3 per minute, the publish tier 8 per minute. No proxy is trusted, so forwarding
/// headers are ignored. Budgets are per API key, so it has <see cref="ExtraAdminKeys"/> more admin
/// keys: a test that spends a budget uses a key of its own.
/// </summary>
public class RateLimitFixture : PlatformFixture
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

    protected override Dictionary<string, string?> GatewaySettings()
    {
        var settings = base.GatewaySettings();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        settings["RateLimiting:Tiers:standard:Limit"] = StandardLimit.ToString(invariant);
        settings["RateLimiting:Tiers:standard:Window"] = Window.ToString();
        settings["RateLimiting:Tiers:strict:Limit"] = StrictLimit.ToString(invariant);
        settings["RateLimiting:Tiers:strict:Window"] = Window.ToString();
        settings["RateLimiting:Tiers:publish:Limit"] = PublishLimit.ToString(invariant);
        settings["RateLimiting:Tiers:publish:Window"] = Window.ToString();
        for (var n = 0; n < ExtraAdminKeys; n++)
        {
            settings[$"Auth:ApiKeys:{3 + n}:Name"] = $"rate-limit-admin-{n}";
            settings[$"Auth:ApiKeys:{3 + n}:Key"] = AdminKeyNumber(n);
            settings[$"Auth:ApiKeys:{3 + n}:Roles:0"] = "admin";
        }

        return settings;
    }
}

/// <summary>
/// The same budgets behind a trusted proxy, with the counters bounded to one shard of
/// <see cref="Counters"/>, so that a test can go past the bound.
/// </summary>
public sealed class BoundedRateLimitFixture : RateLimitFixture
{
    public const int Counters = 4;

    protected override Dictionary<string, string?> GatewaySettings()
    {
        var settings = base.GatewaySettings();
        settings["RateLimiting:TrustedProxies:0"] = "127.0.0.1";
        settings["RateLimiting:Shards"] = "1";
        settings["RateLimiting:CountersPerShard"] = Counters.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>The same budgets, behind a proxy on loopback whose <c>X-Forwarded-For</c> is believed.</summary>
public sealed class TrustedProxyFixture : RateLimitFixture
{
    protected override Dictionary<string, string?> GatewaySettings()
    {
        var settings = base.GatewaySettings();
        settings["RateLimiting:TrustedProxies:0"] = "127.0.0.1";
        return settings;
    }
}

/// <summary>A gateway that gives the test route one second.</summary>
public sealed class ShortTimeoutFixture : PlatformFixture
{
    protected override Dictionary<string, string?> GatewaySettings()
    {
        var settings = base.GatewaySettings();
        settings["Gateway:Timeouts:TestRoute"] = "00:00:01";
        return settings;
    }
}

/// <summary>A cluster whose client-error log keeps only the last three reports.</summary>
public sealed class ClientErrorFixture : StorageCountingFixture
{
    public const int Capacity = 3;

    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = BaseSiloSettings();
        settings["ClientErrors:Capacity"] = Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>A cluster that counts storage writes and caches health probes for a minute (the most allowed), longer than the test takes.</summary>
public sealed class HealthCacheFixture : StorageCountingFixture
{
    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = BaseSiloSettings();
        settings["Monitor:HealthProbeCacheDuration"] = "00:01:00";
        return settings;
    }
}
