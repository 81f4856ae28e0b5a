namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// A cluster whose breakers never open, so the whole retry ladder reaches the receiver.
/// </summary>
public sealed class LadderFixture : PlatformFixture
{
    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = BaseSiloSettings();
        settings["CircuitBreaker:FailureThreshold"] = "1000";
        return settings;
    }
}

/// <summary>
/// A cluster with the specification's hour-long ladder, so that nothing retries by itself: tests
/// drive attempts with <c>POST /api/admin/webhooks/process</c>.
/// </summary>
public sealed class ManualRetryFixture : PlatformFixture
{
    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = BaseSiloSettings();
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Delivery:RetryDelays:", StringComparison.Ordinal)).ToList())
        {
            settings[key] = "01:00:00";
        }

        settings["CircuitBreaker:OpenDuration"] = "00:00:02";
        return settings;
    }
}

/// <summary>A cluster with the production destination policy: no private or loopback address is allowed.</summary>
public sealed class StrictDestinationFixture : PlatformFixture
{
    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = BaseSiloSettings();
        settings.Remove("Delivery:AllowedDestinationNetworks:0");
        settings.Remove("Delivery:AllowedDestinationNetworks:1");
        return settings;
    }
}

/// <summary>Endpoints that fail without a success for two seconds are disabled.</summary>
public sealed class ShortAutoDisableFixture : PlatformFixture
{
    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = BaseSiloSettings();
        settings["Endpoints:AutoDisableAfter"] = "00:00:02";
        settings["CircuitBreaker:FailureThreshold"] = "1000";
        return settings;
    }
}
