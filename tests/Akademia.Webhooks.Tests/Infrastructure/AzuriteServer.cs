using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// A real Azurite (the Azure Storage emulator: blob, queue and table services) on 127.0.0.1, with
/// its data in a folder of its own, that a test can stop and start again on the same ports and data.
/// It runs from the repository's <c>.tools/node_modules</c>, where <c>scripts/test.sh</c> installs it,
/// or from the path in <c>AZURITE</c>.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's fixed development account (public, documented, the same everywhere).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("akademia-azurite-").FullName;
    private Process? _process;

    public int BlobPort { get; } = PlatformFixture.UnusedPort();

    public int QueuePort { get; } = PlatformFixture.UnusedPort();

    public int TablePort { get; } = PlatformFixture.UnusedPort();

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static async Task<AzuriteServer> StartAsync()
    {
        var server = new AzuriteServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var script = LocateScript();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script,
                "--blobHost", "127.0.0.1", "--blobPort", Port(BlobPort),
                "--queueHost", "127.0.0.1", "--queuePort", Port(QueuePort),
                "--tableHost", "127.0.0.1", "--tablePort", Port(TablePort),
                "--location", _dataDir,
                // The SDK is newer than the emulator; the emulator must not refuse its API version.
                "--skipApiVersionCheck",
                // Azurite reports usage to a Microsoft endpoint by default; tests talk to loopback only.
                "--disableTelemetry",
                "--silent",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("azurite did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("node is not installed; Azurite needs Node.js (apt-get install -y nodejs npm).", ex);
        }

        // scripts/test.sh kills what a crashed test host left running, by these ids.
        if (Environment.GetEnvironmentVariable("AKADEMIA_TEST_PIDS") is { Length: > 0 } pids && Directory.Exists(pids))
        {
            await File.WriteAllTextAsync(Path.Combine(pids, $"azurite-{_process.Id}.pid"), _process.Id.ToString(CultureInfo.InvariantCulture));
        }

        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await AcceptsAsync(TablePort) && await AcceptsAsync(BlobPort)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"azurite on ports {BlobPort}/{QueuePort}/{TablePort} did not start listening: {string.Join(" | ", output)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the emulator as an operator would (SIGTERM): it saves its data and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        await SignalAsync("TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>
    /// Freezes the emulator (SIGSTOP): connections stay open and requests are accepted but never
    /// answered, as with a storage service that hangs. <see cref="ThawAsync"/> resumes it.
    /// </summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("azurite is not running");
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
    }

    /// <summary>Kills the emulator without letting it shut down (data of the last seconds may be lost).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Azurite's entry script: <c>AZURITE</c> (the script, or the <c>node_modules</c> folder or
    /// <c>.bin/azurite</c> it was installed with), else the repository's <c>.tools</c> install.
    /// </summary>
    public static string LocateScript()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("AZURITE") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
            candidates.Add(Path.Combine(configured, "azurite", "dist", "src", "azurite.js"));
            candidates.Add(Path.Combine(configured, "node_modules", "azurite", "dist", "src", "azurite.js"));
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Akademia.Orleans.sln")))
            {
                candidates.Add(Path.Combine(dir.FullName, ".tools", "node_modules", "azurite", "dist", "src", "azurite.js"));
                break;
            }
        }

        foreach (var candidate in candidates)
        {
            var resolved = File.Exists(candidate) ? new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate : null;
            if (resolved is not null && resolved.EndsWith(".js", StringComparison.Ordinal))
            {
                return resolved;
            }
        }

        throw new InvalidOperationException(
            "Azurite is not installed. Run the README's test command (scripts/test.sh), which installs it, or " +
            "`npm install --no-save --prefix .tools azurite@3` in the repository, or set AZURITE to its azurite.js. Looked in: " +
            string.Join(", ", candidates));
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// The platform on Azure Table Storage (grain state and reminders), with an Azurite of its own.
/// </summary>
public class AzuritePlatformFixture : PlatformFixture
{
    public AzuriteServer Azurite { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>The primary silo's services: the providers exactly as the silo built them.</summary>
    public IServiceProvider SiloServices => ((Orleans.TestingHost.InProcessSiloHandle)Cluster.Primary!).ServiceProvider;

    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = BaseSiloSettings();
        settings["Cluster:Storage"] = "AzureTables";
        settings["AzureTables:ConnectionString"] = Azurite.ConnectionString;
        settings["CircuitBreaker:FailureThreshold"] = "1000";
        settings["Delivery:FanOutRedrivePeriod"] = "00:00:01";
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Delivery:RetryDelays:", StringComparison.Ordinal)).ToList())
        {
            settings[key] = "00:00:02";
        }

        return settings;
    }
}
