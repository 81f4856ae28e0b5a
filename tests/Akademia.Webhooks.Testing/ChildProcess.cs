using System.Diagnostics;
using System.Globalization;

namespace Akademia.Webhooks.Testing;

/// <summary>
/// A child process a test or the benchmark started, with its output in a log file. It is stopped by
/// its process id only (TERM, then KILL after a grace period; or SIGKILL at once), never by name.
/// </summary>
public sealed class ChildProcess
{
    private readonly Process _process;

    private ChildProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once exited (137 after SIGKILL), otherwise <c>null</c>.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Completes when the process has exited.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>
    /// Starts <paramref name="command"/> through <c>bash -c 'exec …'</c> so that the pid is the
    /// program's own and its output goes straight to <paramref name="logPath"/>. Bash, not /bin/sh:
    /// dash drops environment variables whose names are no shell identifiers, and the per-category
    /// log levels are such names (<c>Logging__LogLevel__Akademia.Webhooks</c>).
    /// </summary>
    public static ChildProcess Start(string name, string command, string workingDirectory, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"exec {command} >>{Quote(logPath)} 2>&1");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        var child = new ChildProcess(name, process, logPath);
        Registry.Add(child);

        // scripts/test.sh kills what a crashed test host left running, by these ids.
        if (Environment.GetEnvironmentVariable("AKADEMIA_TEST_PIDS") is { Length: > 0 } pids && Directory.Exists(pids))
        {
            File.WriteAllText(Path.Combine(pids, $"{name}-{process.Id}.pid"), process.Id.ToString(CultureInfo.InvariantCulture));
        }

        return child;
    }

    public static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Resident set size in bytes, from /proc (0 once exited).</summary>
    public long RssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kb * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>
    /// CPU time (user + system) used so far by the process and its live child processes (nginx's
    /// workers are children of its master), from /proc.
    /// </summary>
    public TimeSpan CpuTime()
    {
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // After the command in parentheses: state, ppid, ..., utime (14th field), stime (15th).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (pid == Pid || int.Parse(fields[1], CultureInfo.InvariantCulture) == Pid)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public void Signal(string signal)
    {
        if (HasExited)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, Pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
        kill?.WaitForExit();
    }

    /// <summary>Waits until the process ends by itself; true if it did within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            Registry.Remove(this);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>kill -9: the process gets no chance to clean up.</summary>
    public void KillHard()
    {
        if (!HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        Registry.Remove(this);
    }

    /// <summary>SIGKILL (<see cref="KillHard"/>), awaited.</summary>
    public async Task KillAsync()
    {
        if (!HasExited)
        {
            // Process.Kill sends SIGKILL on Unix; the shell exec'd the program, so this is the program.
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        Registry.Remove(this);
    }

    /// <summary>TERM, wait up to <paramref name="grace"/>, then KILL.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!HasExited)
        {
            Signal("TERM");
            using var cts = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"    {Name} (pid {Pid}) did not stop in {grace.TotalSeconds:0} s: killing it");
                _process.Kill();
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        Registry.Remove(this);
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string Tail(int lines = 20)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogPath).TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Every child still running; stopped on exit, also on Ctrl+C.</summary>
    public static class Registry
    {
        private static readonly List<ChildProcess> Children = [];

        public static void Add(ChildProcess child)
        {
            lock (Children)
            {
                Children.Add(child);
            }
        }

        public static void Remove(ChildProcess child)
        {
            lock (Children)
            {
                Children.Remove(child);
            }
        }

        /// <summary>Stops the apps first (newest first), the servers they use last.</summary>
        public static void StopAll()
        {
            List<ChildProcess> all;
            lock (Children)
            {
                all = [.. Children];
                all.Reverse();
            }

            foreach (var child in all)
            {
                try
                {
                    child.StopAsync(TimeSpan.FromSeconds(15)).GetAwaiter().GetResult();
                }
                catch (InvalidOperationException)
                {
                }
            }
        }
    }
}
