using System.Globalization;
using StackExchange.Redis;

namespace Akademia.Webhooks.Bench.Infra;

/// <summary>
/// A redis-server of its own on a free loopback port, with AOF (appendfsync everysec) in a
/// temporary folder, as <c>scripts/run-cluster.sh</c> runs it. Stopped by pid.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly ConnectionMultiplexer _connection;

    private RedisServer(ChildProcess process, int port, string dir, ConnectionMultiplexer connection)
    {
        _process = process;
        Port = port;
        Dir = dir;
        _connection = connection;
    }

    public int Port { get; }

    public string Dir { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static string Version()
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("redis-server", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return text.Split(' ').FirstOrDefault(w => w.StartsWith("v=", StringComparison.Ordinal))?[2..] ?? text;
    }

    public static async Task<RedisServer> StartAsync(string root, string name)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        var port = Ports.Free();
        var process = ChildProcess.Start(name,
            $"redis-server --bind 127.0.0.1 --port {port} --dir {ChildProcess.Quote(dir)} --appendonly yes --appendfsync everysec --save '' --daemonize no",
            dir, Path.Combine(dir, "redis.log"));
        for (var i = 0; i < 100 && !await Ports.ListeningAsync(port); i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("redis-server exited during start-up:\n" + process.Tail());
            }

            await Task.Delay(50);
        }

        var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},allowAdmin=true");
        return new RedisServer(process, port, dir, connection);
    }

    public ChildProcess Process => _process;

    public async Task<long> DbSizeAsync() => (long)await _connection.GetDatabase().ExecuteAsync("DBSIZE");

    /// <summary><c>used_memory</c> from <c>INFO memory</c>, in bytes.</summary>
    public async Task<long> UsedMemoryAsync()
    {
        var info = (string)(await _connection.GetDatabase().ExecuteAsync("INFO", "memory"))!;
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
        var db = _connection.GetDatabase();
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

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _process.StopAsync(TimeSpan.FromSeconds(15));
    }
}
