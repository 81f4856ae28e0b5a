using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Hosting;

/// <summary>
/// A bad setting as an operator makes it, in the real silo and gateway processes from the build
/// output: each stops at once with exit code 2 and one line on stderr that names the setting and what
/// is allowed, with no stack trace, and before the host starts (nothing logged, no port bound).
/// </summary>
[Trait("Category", "Process")]
public sealed class BadSettingTests
{
    [Theory]
    [InlineData("Cluster:Storage", "Redi", "Cluster:Storage: 'Redi' is not one of Memory, Redis, AzureTables")]
    [InlineData("Cluster:Storage", "7", "Cluster:Storage: '7' is not one of Memory, Redis, AzureTables")]
    [InlineData("Delivery:JitterFactor", "abc", "Delivery:JitterFactor: 'abc' is not a number")]
    [InlineData("Delivery:RetryDelays:0", "soon", "Delivery:RetryDelays:0: 'soon' is not a duration such as 00:00:30")]
    [InlineData("Delivery:RetryDelays:1", "1 minute", "Delivery:RetryDelays:1: '1 minute' is not a duration")]
    [InlineData("Cluster:Clustering", "Redi", "Cluster:Clustering: 'Redi' is not one of Localhost, Redis, AzureTables")]
    [InlineData("Delivery:JitterFactor", "5", "Delivery:JitterFactor: must be between 0 and 0.5")]
    [InlineData("Cluster:SiloPort", "0", "Cluster:SiloPort: must be between 1 and 65535")]
    [InlineData("Shutdown:DrainTimeout", "00:00:25", "DrainTimeout")]
    [InlineData("Retention:Period", "00:00:30", "Retention:Period: must be between")]
    [InlineData("Retention:Period", "a month", "Retention:Period: 'a month' is not a duration")]
    public async Task ABadSiloSettingStopsTheSiloWithOneLineNamingItAndExitCode2(string key, string value, string expected)
    {
        var (line, stdout) = await BadSetting.RunUntilExitAsync("Silo", key, value);
        Assert.StartsWith("Silo cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        // Nothing logged: the host never started, so Orleans bound none of its ports.
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("Cluster:Clustering", "Redi", "Cluster:Clustering: 'Redi' is not one of Localhost, Redis, AzureTables")]
    // A number parses as an enum, and an undefined one used to fall back to localhost clustering.
    [InlineData("Cluster:Clustering", "7", "Cluster:Clustering: '7' is not one of Localhost, Redis, AzureTables")]
    [InlineData("Cluster:GatewayPorts:0", "thirty", "Cluster:GatewayPorts:0: 'thirty' is not a whole number")]
    [InlineData("Gateway:MaxRequestBodyBytes", "lots", "Gateway:MaxRequestBodyBytes: 'lots' is not a whole number")]
    [InlineData("Gateway:Timeouts:Default", "soon", "Gateway:Timeouts:Default: 'soon' is not a duration")]
    [InlineData("RateLimiting:Tiers:publish:Limit", "many", "RateLimiting:Tiers:publish:Limit: 'many' is not a whole number")]
    [InlineData("RateLimiting:Enabled", "nope", "RateLimiting:Enabled: 'nope' is not true or false")]
    [InlineData("Shutdown:Timeout", "later", "Shutdown:Timeout: 'later' is not a duration")]
    public async Task ABadGatewaySettingStopsTheGatewayWithOneLineNamingItAndExitCode2(string key, string value, string expected)
    {
        var (line, stdout) = await BadSetting.RunUntilExitAsync("ApiGateway", key, value);
        Assert.StartsWith("Gateway cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }
}
