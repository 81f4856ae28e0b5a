using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.PortalAccess;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>The one way options are bound and validated (<see cref="PlatformOptions"/>), on the platform's own options.</summary>
public sealed class PlatformOptionsTests
{
    [Fact]
    public async Task ABadSettingStopsTheHostAtStartWithAnOptionsValidationException()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Monitor:HealthProbeCacheDuration"] = "00:01:01" });
        builder.Services.AddValidatedOptions<MonitorOptions, MonitorOptionsValidator>(builder.Configuration, MonitorOptions.Section);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("HealthProbeCacheDuration", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AGoodSettingIsBoundFromItsSection()
    {
        var services = new ServiceCollection();
        services.AddValidatedOptions<MonitorOptions, MonitorOptionsValidator>(Configuration(new() { ["Monitor:HealthProbeCacheDuration"] = "00:00:00" }), MonitorOptions.Section);

        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.Zero, provider.GetRequiredService<IOptions<MonitorOptions>>().Value.HealthProbeCacheDuration);
    }

    [Fact]
    public void TheClusterSettingsOfTheGatewayAreTheSharedOnesAndBindFromTheClusterSection()
    {
        var options = Configuration(new()
        {
            ["Cluster:ClusterId"] = "c1",
            ["Cluster:ServiceId"] = "s1",
            ["Cluster:Clustering"] = "redis",
            ["Cluster:RedisConnectionString"] = "127.0.0.1:6379",
            ["Cluster:GatewayPorts:0"] = "30001",
        }).GetValidated<ClusterClientOptions, ClusterClientOptionsValidator>(PlatformClusterOptions.Section);

        Assert.Equal(("c1", "s1", ClusteringMode.Redis, "127.0.0.1:6379"), (options.ClusterId, options.ServiceId, options.Clustering, options.RedisConnectionString));
        Assert.Equal([30001], options.GatewayPorts!);
    }

    [Fact]
    public void RedisClusteringWithoutAConnectionStringIsRefusedBeforeTheHostIsBuilt()
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            Configuration(new() { ["Cluster:Clustering"] = "Redis" }).GetValidated<ClusterClientOptions, ClusterClientOptionsValidator>(PlatformClusterOptions.Section));

        Assert.StartsWith("RedisConnectionString: ", Assert.Single(ex.Failures), StringComparison.Ordinal);
        Assert.Equal(typeof(ClusterClientOptions), ex.OptionsType);
    }

    [Fact]
    public void AzureTableClusteringBindsAndItsAccountIsValidatedBeforeTheHostIsBuilt()
    {
        var configuration = Configuration(new() { ["Cluster:Clustering"] = "AzureTables" });
        Assert.Equal(ClusteringMode.AzureTables, configuration.GetValidated<ClusterClientOptions, ClusterClientOptionsValidator>(PlatformClusterOptions.Section).Clustering);

        var missing = Assert.Throws<OptionsValidationException>(() =>
            configuration.GetValidated<AzureTablesOptions, AzureTablesOptionsValidator>(AzureTablesOptions.Section));
        Assert.Contains("ConnectionString", Assert.Single(missing.Failures), StringComparison.Ordinal);

        var garbled = Assert.Throws<OptionsValidationException>(() =>
            Configuration(new() { ["AzureTables:ConnectionString"] = "not a connection string" }).GetValidated<AzureTablesOptions, AzureTablesOptionsValidator>(AzureTablesOptions.Section));
        Assert.Contains("UseDevelopmentStorage=true", Assert.Single(garbled.Failures), StringComparison.Ordinal);

        var clash = Assert.Throws<OptionsValidationException>(() => Configuration(new()
        {
            ["AzureTables:ConnectionString"] = "UseDevelopmentStorage=true",
            ["AzureTables:MembershipTable"] = "WebhookState",
        }).GetValidated<AzureTablesOptions, AzureTablesOptionsValidator>(AzureTablesOptions.Section));
        Assert.Contains("must differ", Assert.Single(clash.Failures), StringComparison.Ordinal);

        var valid = Configuration(new() { ["AzureTables:ConnectionString"] = "UseDevelopmentStorage=true" })
            .GetValidated<AzureTablesOptions, AzureTablesOptionsValidator>(AzureTablesOptions.Section);
        Assert.Equal("WebhookMembership", valid.MembershipTable);
    }

    [Fact]
    public void AnEmptyClusterIdIsRefused()
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            Configuration(new() { ["Cluster:ClusterId"] = "" }).GetValidated<ClusterClientOptions, ClusterClientOptionsValidator>(PlatformClusterOptions.Section));

        Assert.Contains("ClusterId", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutSettingsTheClusterDefaultsApply()
    {
        var options = Configuration([]).GetValidated<ClusterClientOptions, ClusterClientOptionsValidator>(PlatformClusterOptions.Section);

        Assert.Equal(("akademia-dev", "akademia", ClusteringMode.Localhost, null), (options.ClusterId, options.ServiceId, options.Clustering, options.RedisConnectionString));
    }

    [Theory]
    [InlineData("RateLimiting:Tiers:standard:Limit", "0", "Tiers")]
    [InlineData("RateLimiting:Routes:/api/x", "nosuchtier", "Routes")]
    [InlineData("RateLimiting:TrustedProxies:0", "not-an-ip", "TrustedProxies")]
    [InlineData("RateLimiting:Shards", "0", "Shards")]
    public void RateLimitRulesAcrossFieldsAndSingleFieldsFailTheSameWay(string key, string value, string member)
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            Configuration(new() { [key] = value }).GetValidated<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.Section));

        Assert.StartsWith(member + ": ", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gateway:Timeouts:Default", "Default")]
    [InlineData("Gateway:Timeouts:TestRoute", "TestRoute")]
    public void ARouteTimeoutThatIsNotPositiveIsRefused(string key, string member)
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            Configuration(new() { [key] = "00:00:00" }).GetValidated<TimeoutOptions, TimeoutOptionsValidator>(TimeoutOptions.Section));

        Assert.Equal($"{member}: Gateway:Timeouts values must be positive", Assert.Single(ex.Failures));
    }

    [Fact]
    public void AnApiKeyEntryWithoutRolesIsRefusedWithItsPath()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Configuration(new()
        {
            ["Auth:ApiKeys:0:Name"] = "ops",
            ["Auth:ApiKeys:0:Key"] = "0123456789abcdef0123",
        }).GetValidated<AuthOptions, AuthOptionsValidator>(AuthOptions.Section));

        Assert.Equal("ApiKeys: Auth:ApiKeys:0:Roles must name admin, publisher or reader", Assert.Single(ex.Failures));
    }

    [Fact]
    public void RedisConnectionSettingsFailFastAndNeverAbortStartUp()
    {
        var redis = RedisConnection.Options("127.0.0.1:6379,connectTimeout=20000");

        Assert.False(redis.AbortOnConnectFail);
        Assert.Equal(StackExchange.Redis.BacklogPolicy.FailFast, redis.BacklogPolicy);
        Assert.Equal(5000, redis.ConnectTimeout);
        Assert.Throws<InvalidOperationException>(() => RedisConnection.Options(" "));
    }

    [Theory]
    [InlineData("00:00:59")]
    [InlineData("1.00:00:01")]
    public void APortalTokenLifetimeOutsideOneMinuteToADayIsRefused(string lifetime)
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            Configuration(new() { ["PortalAccess:TokenLifetime"] = lifetime }).GetValidated<PortalAccessOptions, PortalAccessOptionsValidator>(PortalAccessOptions.Section));

        Assert.StartsWith("TokenLifetime: ", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void PortalTokensLastFifteenMinutesAndTheAuthenticationCacheThirtySecondsByDefault()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), Configuration([]).GetValidated<PortalAccessOptions, PortalAccessOptionsValidator>(PortalAccessOptions.Section).TokenLifetime);
        Assert.Equal(TimeSpan.FromSeconds(30), Configuration([]).GetValidated<AuthCacheOptions, AuthCacheOptionsValidator>(AuthCacheOptions.Section).MaxAge);
    }

    [Theory]
    [InlineData("AuthCache:MaxAge", "00:00:00", "MaxAge")]
    [InlineData("AuthCache:MaxAge", "00:05:01", "MaxAge")]
    [InlineData("AuthCache:Capacity", "99", "Capacity")]
    public void AnAuthenticationCacheSettingOutOfRangeIsRefused(string key, string value, string member)
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            Configuration(new() { [key] = value }).GetValidated<AuthCacheOptions, AuthCacheOptionsValidator>(AuthCacheOptions.Section));

        Assert.StartsWith(member + ": ", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
