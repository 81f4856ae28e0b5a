using System.Globalization;
using System.Text.Json;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Hosting;

/// <summary>
/// What the silo and the gateway write to the console while they start, as real processes from the
/// build output (Development, memory storage): a handful of lines, each with its UTC time, no option
/// dumps; and one JSON object per line with the standard JSON console formatter.
/// </summary>
[Trait("Category", "Process")]
public sealed class StartupOutputTests : IAsyncLifetime
{
    // Measured: 5 lines from each (HELPER-NOTE.md). Orleans' watchdog at times adds one false "participant
    // check thread has not completed" warning during start-up; the bound leaves room for it and little else.
    private const int MostLines = 8;

    // The last lines each process writes while it starts.
    private const string HostStarted = "Content root path: ";
    private const string Connected = "Cluster connected: API routes are served";

    private readonly LocalPlatform _platform = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task TheSiloStartsWithAFewTimestampedLinesSayingWhereItListensAndWhatItStoresInAndNoOptionDump()
    {
        var silo = await _platform.StartSiloAsync();

        var lines = await ConsoleOutput.WaitForLinesAsync(silo, HostStarted);

        Assert.True(lines.Count <= MostLines, $"{lines.Count} lines:\n{string.Join('\n', lines)}");
        Assert.All(lines, ConsoleOutput.AssertTimestamped);
        Assert.DoesNotContain(lines, l => l.Contains("SiloOptionsLogger", StringComparison.Ordinal) || l.Contains("Configuration Orleans.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(
            $"info: Akademia.Webhooks.Silo.SiloActiveLog[1096206749] Silo at 127.0.0.1:{_platform.SiloPort} is active in cluster {_platform.ClusterId} (service akademia): Localhost clustering, Memory storage, gateway port {_platform.GatewayPort}",
            StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith($"Now listening on: {silo.BaseUrl}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheGatewayStartsWithAFewTimestampedLinesSayingWhereItListensAndThatTheClusterIsConnected()
    {
        await _platform.StartSiloAsync();
        var gateway = await _platform.StartGatewayAsync();

        var lines = await ConsoleOutput.WaitForLinesAsync(gateway, HostStarted, Connected);

        Assert.True(lines.Count <= MostLines, $"{lines.Count} lines:\n{string.Join('\n', lines)}");
        Assert.All(lines, ConsoleOutput.AssertTimestamped);
        Assert.Contains(lines, l => l.EndsWith($"Now listening on: {gateway.BaseUrl}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithTheJsonFormatterEveryLineOfBothIsAJsonObjectWithAUtcTimestamp()
    {
        var json = new Dictionary<string, string> { ["Logging:Console:FormatterName"] = "json" };
        var silo = await _platform.StartSiloAsync(json);
        var gateway = await _platform.StartGatewayAsync(json);

        var siloLines = await ConsoleOutput.WaitForLinesAsync(silo, HostStarted);
        var gatewayLines = await ConsoleOutput.WaitForLinesAsync(gateway, HostStarted, Connected);

        Assert.All(siloLines.Concat(gatewayLines), line =>
        {
            using var entry = JsonDocument.Parse(line);
            var timestamp = entry.RootElement.GetProperty("Timestamp").GetString()!;
            ConsoleOutput.AssertRecentUtc(timestamp);
            Assert.False(string.IsNullOrEmpty(entry.RootElement.GetProperty("Category").GetString()));
            Assert.False(string.IsNullOrEmpty(entry.RootElement.GetProperty("LogLevel").GetString()));
        });
        using var active = JsonDocument.Parse(Assert.Single(siloLines, l => l.Contains("\"Category\":\"Akademia.Webhooks.Silo.SiloActiveLog\"", StringComparison.Ordinal)));
        var state = active.RootElement.GetProperty("State");
        Assert.Equal("Memory", state.GetProperty("Storage").GetString());
        Assert.Equal($"127.0.0.1:{_platform.SiloPort.ToString(CultureInfo.InvariantCulture)}", state.GetProperty("SiloEndpoint").GetString());
        Assert.Contains(gatewayLines, l => l.Contains($"\"Message\":\"{Connected}\"", StringComparison.Ordinal));
    }
}
