using System.Diagnostics;
using System.Globalization;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// A silo or gateway of the platform as its own operating-system process, started from the build
/// output exactly as an operator runs it (<c>dotnet Akademia.Webhooks.Silo.dll</c>), configured
/// through environment variables, and killed with SIGKILL: no shutdown hook, no graceful leave.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private Process? _process;

    private PlatformProcess(string name, string assembly, int httpPort, IReadOnlyDictionary<string, string> settings, string logPath)
    {
        Name = name;
        _assembly = assembly;
        HttpPort = httpPort;
        _settings = settings;
        LogPath = logPath;
    }

    public string Name { get; }

    /// <summary>The process's HTTP port: the gateway's API, or the silo's dashboard and <c>/healthz</c>.</summary>
    public int HttpPort { get; }

    public string BaseUrl => $"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Everything the process wrote, across restarts.</summary>
    public string LogPath { get; }

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts one process of <paramref name="project"/> (<c>Silo</c> or <c>ApiGateway</c>) and waits until it answers HTTP.</summary>
    public static async Task<PlatformProcess> StartAsync(string name, string project, IReadOnlyDictionary<string, string> settings, string logDirectory)
    {
        var process = new PlatformProcess(name, BuildOutput.Assembly(project), PlatformFixture.UnusedPort(), settings, Path.Combine(logDirectory, $"{name}.log"));
        await process.StartAgainAsync();
        return process;
    }

    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is running already");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { _assembly, "--urls", BaseUrl },
            WorkingDirectory = Path.GetDirectoryName(_assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = new StreamWriter(new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start");
        _process = process;
        await log.WriteLineAsync($"==== {Name} started, pid {process.Id}, {DateTimeOffset.UtcNow:O}");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => Write(log, $"==== {Name} exited ({DateTimeOffset.UtcNow:O})");
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // scripts/test.sh kills what a crashed test host left running, by these ids.
        if (Environment.GetEnvironmentVariable("AKADEMIA_TEST_PIDS") is { Length: > 0 } pids && Directory.Exists(pids))
        {
            await File.WriteAllTextAsync(Path.Combine(pids, $"{Name}-{process.Id}.pid"), process.Id.ToString(CultureInfo.InvariantCulture));
        }

        await WaitUntilAnsweringAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>SIGKILL: the process ends at once, mid-whatever it was doing.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            // Process.Kill sends SIGKILL on Unix.
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"---- {Name} ({LogPath})\n" + string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"---- {Name}: no log ({ex.Message})";
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        // /healthz on the silo and /api/health on the gateway both answer once the host is up; any
        // HTTP answer says the process is listening.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"{Name} exited during start-up\n{Tail()}");
            }

            try
            {
                using var answer = await http.GetAsync(BaseUrl + "/healthz");
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{Name} did not answer on {BaseUrl} within {timeout}\n{Tail()}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
