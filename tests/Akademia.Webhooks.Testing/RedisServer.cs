using System.Globalization;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Akademia.Webhooks.Testing;

/// <summary>
/// A real redis-server of its own on a free loopback port, with AOF (appendfsync everysec) in a
/// folder of its own, as <c>scripts/run-cluster.sh</c> runs it. It can be killed (SIGKILL) and
/// started again on the same port and data; it is stopped by pid.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly bool _ownsDirectory;
    private ChildProcess? _process;
    private ConnectionMultiplexer? _admin;

    private RedisServer(string dir, bool ownsDirectory)
    {
        Dir = dir;
        _ownsDirectory = ownsDirectory;
    }

    public int Port { get; } = Ports.Free();

    /// <summary>The data folder: the append-only file and the server's log.</summary>
    public string Dir { get; }

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static string Executable => Environment.GetEnvironmentVariable("REDIS_SERVER") ?? "redis-server";

    /// <summary>The running process (a new one after <see cref="StartAgainAsync"/>).</summary>
    public ChildProcess Process => _process ?? throw new InvalidOperationException("redis-server is not running");

    public static string Version()
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Executable, "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return text.Split(' ').FirstOrDefault(w => w.StartsWith("v=", StringComparison.Ordinal))?[2..] ?? text;
    }

    /// <summary>Starts a server with its data in a new temporary folder, deleted on dispose.</summary>
    public static Task<RedisServer> StartAsync() =>
        StartAsync(new RedisServer(Directory.CreateTempSubdirectory("akademia-redis-").FullName, ownsDirectory: true));

    /// <summary>Starts a server named <paramref name="name"/> with its data in <paramref name="root"/>/<paramref name="name"/>, kept on dispose.</summary>
    public static Task<RedisServer> StartAsync(string root, string name)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        return StartAsync(new RedisServer(dir, ownsDirectory: false));
    }

    private static async Task<RedisServer> StartAsync(RedisServer server)
    {
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("redis-server is running already");
        }

        if (!CommandExists(Executable))
        {
            throw new InvalidOperationException(
                "redis-server is not installed. Run the README's test command (scripts/test.sh), which installs it, or `apt-get install -y redis-server`.");
        }

        var port = Port.ToString(CultureInfo.InvariantCulture);
        _process = ChildProcess.Start("redis-" + port,
            $"{ChildProcess.Quote(Executable)} --bind 127.0.0.1 --port {port} --dir {ChildProcess.Quote(Dir)} --appendonly yes --appendfsync everysec --save '' --protected-mode no --daemonize no",
            Dir, Path.Combine(Dir, "redis.log"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await PingAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {port} did not answer PING:\n{_process.Tail()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server without letting it shut down cleanly (SIGKILL).</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }
    }

    public async Task<long> DbSizeAsync() => (long)await (await AdminAsync()).GetDatabase().ExecuteAsync("DBSIZE");

    /// <summary><c>used_memory</c> from <c>INFO memory</c>, in bytes.</summary>
    public async Task<long> UsedMemoryAsync()
    {
        var info = (string)(await (await AdminAsync()).GetDatabase().ExecuteAsync("INFO", "memory"))!;
        var line = info.Split('\n').First(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return long.Parse(line["used_memory:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Size of the append-only file(s) on disk.</summary>
    public long AofBytes() => Directory.EnumerateFiles(Dir, "*.aof", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    /// <summary>
    /// Reminder rows in the Orleans Redis reminder table (one sorted set, <c>{serviceId}/reminders</c>),
    /// in all and of the delivery grains (grain type <c>delivery</c>).
    /// </summary>
    public async Task<(long All, long Deliveries)> ReminderRowsAsync(string serviceId)
    {
        var db = (await AdminAsync()).GetDatabase();
        var key = new RedisKey($"{serviceId}/reminders");
        long all = 0, deliveries = 0;
        await foreach (var entry in db.SortedSetScanAsync(key, pageSize: 5000))
        {
            if (all == 0)
            {
                Console.WriteLine($"    a reminder row: {entry.Element}");
            }

            all++;
            // A row is a JSON array: [hash, grain id, reminder name, etag, start, period].
            if (((string?)entry.Element)?.Contains(",\"delivery/", StringComparison.Ordinal) == true)
            {
                deliveries++;
            }
        }

        return (all, deliveries);
    }

    private async Task<ConnectionMultiplexer> AdminAsync() =>
        _admin ??= await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},allowAdmin=true");

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

    private static bool CommandExists(string command) =>
        command.Contains('/', StringComparison.Ordinal)
            ? File.Exists(command)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, command)));

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        if (_process is not null)
        {
            // The tests' servers hold nothing worth a clean shutdown; the benchmark's are stopped by TERM.
            if (_ownsDirectory)
            {
                await _process.KillAsync();
            }
            else
            {
                await _process.StopAsync(TimeSpan.FromSeconds(15));
            }
        }

        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(Dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
