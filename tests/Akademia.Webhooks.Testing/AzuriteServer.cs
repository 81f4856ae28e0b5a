using System.Globalization;
using System.Net.Sockets;

namespace Akademia.Webhooks.Testing;

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
    private ChildProcess? _process;

    public int BlobPort { get; } = Ports.Free();

    public int QueuePort { get; } = Ports.Free();

    public int TablePort { get; } = Ports.Free();

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
        if (!File.Exists("/usr/bin/node") && !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "node"))))
        {
            throw new InvalidOperationException("node is not installed; Azurite needs Node.js (apt-get install -y nodejs npm).");
        }

        var arguments = string.Join(' ', new[]
        {
            ChildProcess.Quote(script),
            "--blobHost", "127.0.0.1", "--blobPort", Port(BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Port(QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(TablePort),
            "--location", ChildProcess.Quote(_dataDir),
            // The SDK is newer than the emulator; the emulator must not refuse its API version.
            "--skipApiVersionCheck",
            // Azurite reports usage to a Microsoft endpoint by default; tests talk to loopback only.
            "--disableTelemetry",
            "--silent",
        });
        _process = ChildProcess.Start("azurite-" + Port(TablePort), "node " + arguments, _dataDir, Path.Combine(_dataDir, "azurite.log"));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await AcceptsAsync(TablePort) && await AcceptsAsync(BlobPort)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"azurite on ports {BlobPort}/{QueuePort}/{TablePort} did not start listening:\n{_process.Tail()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the emulator as an operator would (SIGTERM): it saves its data and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await process.StopAsync(TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>
    /// Freezes the emulator (SIGSTOP): connections stay open and requests are accepted but never
    /// answered, as with a storage service that hangs. <see cref="ThawAsync"/> resumes it.
    /// </summary>
    public Task FreezeAsync()
    {
        Running.Signal("STOP");
        return Task.CompletedTask;
    }

    public Task ThawAsync()
    {
        Running.Signal("CONT");
        return Task.CompletedTask;
    }

    private ChildProcess Running => _process ?? throw new InvalidOperationException("azurite is not running");

    /// <summary>Kills the emulator without letting it shut down (data of the last seconds may be lost).</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
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
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
