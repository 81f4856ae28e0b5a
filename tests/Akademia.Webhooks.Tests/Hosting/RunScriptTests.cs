using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Hosting;

/// <summary>
/// <c>scripts/run.sh</c> as a newcomer runs it (without its build step, on free ports): both
/// processes' lines are prefixed with their name, the API is not rate-limited, <c>/</c> leads to the
/// API reference, and the script stops both dotnet processes on SIGTERM and when one of them exits.
/// </summary>
[Trait("Category", "Process")]
public sealed partial class RunScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(120);

    private readonly string _logs = Directory.CreateTempSubdirectory("akademia-run-").FullName;
    private readonly int _gatewayPort = Ports.Free();
    private readonly int _dashboardPort = Ports.Free();
    private ChildProcess? _script;

    private string LogPath => Path.Combine(_logs, "run.log");

    private string GatewayUrl => $"http://127.0.0.1:{_gatewayPort.ToString(CultureInfo.InvariantCulture)}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_script is not null)
        {
            await _script.StopAsync(TimeSpan.FromSeconds(30));
        }

        Directory.Delete(_logs, recursive: true);
    }

    [Fact]
    public async Task PrefixesBothProcessesLinesServesWithoutRateLimitsLeadsToTheReferenceAndStopsBothOnSigterm()
    {
        var (silo, gateway) = await StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(GatewayUrl) };
        http.DefaultRequestHeaders.Add("X-API-Key", ProcessCluster.AdminKey);

        // 150 calls within a minute: over the standard tier's 100, were rate limits on.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 150).Select(async _ =>
        {
            using var answer = await http.GetAsync("/api/event-types");
            return answer.StatusCode;
        }));
        using var root = await http.GetAsync("/");
        var lines = ConsoleOutput.Read(LogPath);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/api-docs/", root.Headers.Location!.OriginalString);
        Assert.Contains(lines, l => l.StartsWith("silo    | ", StringComparison.Ordinal) && l.Contains("is active in cluster", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gateway | ", StringComparison.Ordinal) && l.Contains("Cluster connected", StringComparison.Ordinal));
        // Everything else is the script's own: its "==>" steps and the ready message under them.
        Assert.All(lines, l => Assert.Matches(@"^(silo    \| |gateway \| )\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z |^==> |^    ", l));
        Assert.Contains(lines, l => l.Contains("rate limits are off", StringComparison.Ordinal));
        // Each process's stderr is prefixed as well: the host warns there that Urls overrides the ports setting.
        Assert.Contains(lines, l => l.StartsWith("silo    | ", StringComparison.Ordinal) && l.Contains(" warn: Microsoft.AspNetCore.Hosting.Diagnostics[15] Overriding HTTP_PORTS", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gateway | ", StringComparison.Ordinal) && l.Contains(" warn: Microsoft.AspNetCore.Hosting.Diagnostics[15] Overriding HTTP_PORTS", StringComparison.Ordinal));

        _script!.Signal("TERM");

        Assert.True(await _script.WaitForExitAsync(TimeSpan.FromSeconds(60)), "run.sh did not stop on SIGTERM\n" + _script.Tail());
        Assert.False(Running(silo), $"the silo (pid {silo}) outlived the script");
        Assert.False(Running(gateway), $"the gateway (pid {gateway}) outlived the script");
        Assert.Contains($"==> stopping {silo} {gateway}", ConsoleOutput.Read(LogPath));
    }

    [Fact]
    public async Task WhenTheGatewayExitsTheScriptStopsTheSiloAndEnds()
    {
        var (silo, gateway) = await StartAsync();

        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", gateway.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(await _script!.WaitForExitAsync(TimeSpan.FromSeconds(60)), "run.sh did not notice the gateway exit\n" + _script.Tail());
        Assert.False(Running(silo), $"the silo (pid {silo}) outlived the script");
    }

    [Fact]
    public async Task CtrlCToTheScriptsProcessGroupStopsBothAndTheirShutdownLinesStillShow()
    {
        // A terminal's Ctrl+C is SIGINT to the foreground process group: the script, both dotnet
        // processes and the prefixers. The script runs in a group of its own here (setsid), as in a shell.
        var (silo, gateway) = await StartAsync(processGroup: true);

        using (var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", "--", "-" + _script!.Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        Assert.True(await _script.WaitForExitAsync(TimeSpan.FromSeconds(60)), "run.sh did not stop on Ctrl+C\n" + _script.Tail());
        Assert.False(Running(silo), $"the silo (pid {silo}) outlived the script");
        Assert.False(Running(gateway), $"the gateway (pid {gateway}) outlived the script");
        // The prefixers outlive the interrupt, so what the processes write while stopping is not lost.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!ConsoleOutput.Read(LogPath).Any(l => l.StartsWith("silo    | ", StringComparison.Ordinal) && l.Contains("Application is shutting down...", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the silo's shutdown line is missing\n" + _script.Tail());
            await Task.Delay(100);
        }
    }

    /// <summary>Starts the script and returns the pids of the silo and gateway it reports once both answer, checked to be those dotnet processes.</summary>
    private async Task<(int Silo, int Gateway)> StartAsync(bool processGroup = false)
    {
        var environment = new Dictionary<string, string>
        {
            ["RUN_SKIP_BUILD"] = "1",
            ["CONFIGURATION"] = BuildOutput.Configuration,
            ["GATEWAY_URL"] = GatewayUrl,
            ["DASHBOARD_URL"] = $"http://127.0.0.1:{_dashboardPort.ToString(CultureInfo.InvariantCulture)}",
            ["Cluster__SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["Cluster__ClusterId"] = "run-" + Guid.NewGuid().ToString("N")[..8],
            // Read by both hosts, and overridden by the Urls the script gives each: a warning on each one's stderr.
            ["ASPNETCORE_HTTP_PORTS"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["Logging__Console__LogToStandardErrorThreshold"] = "Warning",
        };
        _script = ChildProcess.Start("run-sh", processGroup ? "setsid bash scripts/run.sh" : "bash scripts/run.sh", BuildOutput.RepositoryRoot(), LogPath, environment);

        var deadline = DateTime.UtcNow + Within;
        while (!ConsoleOutput.Read(LogPath).Any(l => l.StartsWith("==> ready", StringComparison.Ordinal)))
        {
            Assert.False(_script.HasExited, "run.sh exited during start-up\n" + _script.Tail());
            Assert.True(DateTime.UtcNow < deadline, "run.sh was not ready in time\n" + _script.Tail());
            await Task.Delay(200);
        }

        var pids = PidsLine().Match(string.Join('\n', ConsoleOutput.Read(LogPath)));
        Assert.True(pids.Success, _script.Tail());
        var silo = int.Parse(pids.Groups[1].Value, CultureInfo.InvariantCulture);
        var gateway = int.Parse(pids.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.Contains("Akademia.Webhooks.Silo.dll", await File.ReadAllTextAsync($"/proc/{silo}/cmdline"), StringComparison.Ordinal);
        Assert.Contains("Akademia.Webhooks.ApiGateway.dll", await File.ReadAllTextAsync($"/proc/{gateway}/cmdline"), StringComparison.Ordinal);
        return (silo, gateway);
    }

    private static bool Running(int pid) => Directory.Exists($"/proc/{pid}");

    [GeneratedRegex(@"pids: silo (\d+), gateway (\d+)")]
    private static partial Regex PidsLine();
}
