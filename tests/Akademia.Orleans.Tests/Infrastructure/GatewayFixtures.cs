namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// A gateway with budgets small enough to spend in a test: the standard tier 5 per minute, the
/// strict tier 3 per minute. No proxy is trusted, so forwarding headers are ignored.
/// </summary>
public class RateLimitFixture : PlatformFixture
{
    public const int StandardLimit = 5;
    public const int StrictLimit = 3;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    protected override Dictionary<string, string?> GatewaySettings()
    {
        var settings = base.GatewaySettings();
        settings["RateLimiting:Tiers:standard:Limit"] = StandardLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimiting:Tiers:standard:Window"] = Window.ToString();
        settings["RateLimiting:Tiers:strict:Limit"] = StrictLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimiting:Tiers:strict:Window"] = Window.ToString();
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
public sealed class ClientErrorFixture : PlatformFixture
{
    public const int Capacity = 3;

    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = BaseSiloSettings();
        settings["ClientErrors:Capacity"] = Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}
