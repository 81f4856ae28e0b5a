using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// A real redis-server on 127.0.0.1, with AOF persistence in a folder of its own, that a test can
/// stop (hard) and start again on the same port and data.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("akademia-redis-").FullName;
    private Process? _process;

    public int Port { get; } = PlatformFixture.UnusedPort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static string Executable => Environment.GetEnvironmentVariable("REDIS_SERVER") ?? "redis-server";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList =
            {
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", _dataDir,
                "--save", "",
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--protected-mode", "no",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "redis-server is not installed. Run the README's test command (scripts/test.sh), which installs it, or `apt-get install -y redis-server`.", ex);
        }

        // scripts/test.sh kills what a crashed test host left running, by these ids.
        if (Environment.GetEnvironmentVariable("AKADEMIA_TEST_PIDS") is { Length: > 0 } pids && Directory.Exists(pids))
        {
            await File.WriteAllTextAsync(Path.Combine(pids, $"redis-{_process.Id}.pid"), _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await PingAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server without letting it shut down cleanly.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"));
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
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
/// The platform on Redis storage and reminders, with a redis-server of its own.
/// </summary>
public class RedisPlatformFixture : PlatformFixture
{
    public RedisServer Redis { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }

    protected override Dictionary<string, string?> SiloSettings()
    {
        var settings = BaseSiloSettings();
        settings["Cluster:Storage"] = "Redis";
        settings["Cluster:RedisConnectionString"] = Redis.ConnectionString;
        settings["CircuitBreaker:FailureThreshold"] = "1000";
        settings["Delivery:FanOutRedrivePeriod"] = "00:00:01";
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Delivery:RetryDelays:", StringComparison.Ordinal)).ToList())
        {
            settings[key] = "00:00:02";
        }

        return settings;
    }
}

/// <summary>Two silos on Redis.</summary>
public sealed class TwoSiloRedisFixture : RedisPlatformFixture
{
    protected override short SiloCount => 2;
}
