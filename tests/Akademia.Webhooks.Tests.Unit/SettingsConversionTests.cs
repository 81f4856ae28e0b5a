using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>Values that do not convert to their property's type are refused by name (<see cref="SettingsConversion"/>), before the binder drops or throws on them.</summary>
public sealed class SettingsConversionTests
{
    [Theory]
    [InlineData("Cluster:GatewayPorts:1", "thirty", "Cluster:GatewayPorts:1: 'thirty' is not a whole number (Int32)")]
    [InlineData("Cluster:Clustering", "Redi", "Cluster:Clustering: 'Redi' is not one of Localhost, Redis, AzureTables")]
    [InlineData("Cluster:Clustering", "2", "Cluster:Clustering: '2' is not one of Localhost, Redis, AzureTables")]
    public void AClusterValueThatDoesNotConvertIsRefusedByItsKey(string key, string value, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            Configuration(new() { ["Cluster:GatewayPorts:0"] = "30000", [key] = value }).GetValidated<ClusterClientOptions, ClusterClientOptionsValidator>(PlatformClusterOptions.Section));

        Assert.Equal(expected, Assert.Single(ex.Failures));
    }

    [Fact]
    public void AValueInsideADictionaryEntryIsCheckedToo()
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            Configuration(new() { ["RateLimiting:Tiers:publish:Limit"] = "many", ["RateLimiting:Tiers:publish:Window"] = "soon" }).GetValidated<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.Section));

        Assert.Equal(
            ["RateLimiting:Tiers:publish:Limit: 'many' is not a whole number (Int32)", "RateLimiting:Tiers:publish:Window: 'soon' is not a duration such as 00:00:30 (hh:mm:ss, or d.hh:mm:ss)"],
            ex.Failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NamesInAnyCaseEmptyValuesAndUnknownKeysPass()
    {
        var options = Configuration(new() { ["Cluster:Clustering"] = "redis", ["Cluster:RedisConnectionString"] = "127.0.0.1:6379", ["Cluster:GatewayPorts:0"] = "", ["Cluster:NoSuchKey"] = "x" })
            .GetValidated<ClusterClientOptions, ClusterClientOptionsValidator>(PlatformClusterOptions.Section);

        Assert.Equal(ClusteringMode.Redis, options.Clustering);
    }

    [Fact]
    public void CheckPlatformOptionsRefusesABadSettingBeforeTheHostRuns()
    {
        var services = new ServiceCollection();
        services.AddValidatedOptions<MonitorOptions, MonitorOptionsValidator>(Configuration(new() { ["Monitor:HealthProbeCacheDuration"] = "five seconds" }), MonitorOptions.Section);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(provider.CheckPlatformOptions);

        Assert.StartsWith("Monitor:HealthProbeCacheDuration: 'five seconds' is not a duration", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckPlatformOptionsRunsTheValidatorsToo()
    {
        var services = new ServiceCollection();
        services.AddValidatedOptions<MonitorOptions, MonitorOptionsValidator>(Configuration(new() { ["Monitor:HealthProbeCacheDuration"] = "00:01:01" }), MonitorOptions.Section);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(provider.CheckPlatformOptions);

        Assert.Contains("HealthProbeCacheDuration", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
