using System.Globalization;

namespace Akademia.Webhooks.Testing;

/// <summary>
/// A silo or gateway of the platform as its own operating-system process, started from the build
/// output exactly as an operator runs it (<c>dotnet Akademia.Webhooks.Silo.dll</c>), configured
/// through environment variables, and killed with SIGKILL (no shutdown hook, no graceful leave) or
/// stopped with SIGTERM (a graceful leave).
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _readyPath;
    private readonly bool _readyMeansSuccess;
    private ChildProcess? _process;

    private PlatformProcess(string name, string assembly, int httpPort, IReadOnlyDictionary<string, string> settings, string logPath, string readyPath, bool readyMeansSuccess)
    {
        Name = name;
        _assembly = assembly;
        HttpPort = httpPort;
        _settings = settings;
        LogPath = logPath;
        _readyPath = readyPath;
        _readyMeansSuccess = readyMeansSuccess;
    }

    public string Name { get; }

    /// <summary>The process's HTTP port: the gateway's API, or the silo's dashboard and <c>/healthz</c>.</summary>
    public int HttpPort { get; }

    public string BaseUrl => $"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Everything the process wrote, across restarts.</summary>
    public string LogPath { get; }

    public int? ProcessId => _process is { HasExited: false } p ? p.Pid : null;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The running process, for its pid, CPU time and memory.</summary>
    public ChildProcess Process => _process ?? throw new InvalidOperationException($"{Name} is not running");

    /// <summary>
    /// Starts one process of <paramref name="project"/> (<c>Silo</c> or <c>ApiGateway</c>) and waits
    /// until <paramref name="readyPath"/> answers: any HTTP answer, or a success if
    /// <paramref name="readyMeansSuccess"/>. Settings are configuration keys (<c>Delivery:RetryDelays:0</c>).
    /// The program is this repository's build, or that of the checkout at <paramref name="platformRoot"/>.
    /// </summary>
    public static async Task<PlatformProcess> StartAsync(
        string name, string project, IReadOnlyDictionary<string, string> settings, string logDirectory,
        string readyPath = "/healthz", bool readyMeansSuccess = false, string? platformRoot = null)
    {
        var process = new PlatformProcess(name, BuildOutput.Assembly(project, platformRoot), Ports.Free(), settings, Path.Combine(logDirectory, $"{name}.log"), readyPath, readyMeansSuccess);
        await process.StartAgainAsync();
        return process;
    }

    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is running already");
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (key, value) in _settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        await File.AppendAllTextAsync(LogPath, $"==== {Name} starting, {DateTimeOffset.UtcNow:O}\n");
        _process = ChildProcess.Start(Name, $"dotnet {ChildProcess.Quote(_assembly)} --urls {BaseUrl}", Path.GetDirectoryName(_assembly)!, LogPath, environment);
        await WaitUntilAnsweringAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>SIGKILL: the process ends at once, mid-whatever it was doing.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>: a silo leaves the cluster gracefully.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is not null)
        {
            await _process.StopAsync(grace);
        }
    }

    /// <summary>The exit code of the last run once it has exited (137 after SIGKILL), otherwise <c>null</c>.</summary>
    public int? ExitCode => _process?.ExitCode;

    /// <summary>
    /// Completes once the log of the current run holds a line containing <paramref name="text"/>, and returns
    /// that line. Fails when the process exits without writing it or after <paramref name="timeout"/>.
    /// </summary>
    public async Task<string> WaitForLogAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var marker = $"==== {Name} starting";
        while (true)
        {
            var exited = _process is not { HasExited: false };
            var runLines = ReadLog().Split('\n');
            var start = Array.FindLastIndex(runLines, l => l.StartsWith(marker, StringComparison.Ordinal));
            var found = runLines.Skip(Math.Max(start, 0)).FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            if (exited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} wrote no line with \"{text}\" ({(exited ? "it exited" : $"within {timeout}")})\n{Tail()}");
            }

            // The log is a file another process appends to: there is nothing to wait on but the file.
            await Task.Delay(50);
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

    private string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        // /healthz on the silo and /api/health on the gateway both answer once the host is up.
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
                using var answer = await http.GetAsync(BaseUrl + _readyPath);
                if (!_readyMeansSuccess || answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{Name} did not answer on {BaseUrl}{_readyPath} within {timeout}\n{Tail()}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
