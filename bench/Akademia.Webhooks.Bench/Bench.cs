using System.Diagnostics;
using System.Globalization;
using Akademia.Webhooks.Bench.Infra;

namespace Akademia.Webhooks.Bench;

/// <summary>Runs the scenarios in an order that reuses clusters where they do not disturb each other.</summary>
public sealed partial class Bench(BenchOptions options, Report report, string repoRoot, string workRoot)
{
    private Nginx _nginx = null!;

    public async Task RunAsync()
    {
        _nginx = await Nginx.StartAsync(workRoot);
        Console.WriteLine($"==> receiver: nginx {Nginx.Version()} (pid {_nginx.Process.Pid}), 200 on :{_nginx.OkPort}, 500 on :{_nginx.FailPort}");
        try
        {
            if (options.Has("ceiling"))
            {
                foreach (var bulkhead in options.Bulkheads)
                {
                    await CeilingAsync(options.Endpoints * bulkhead);
                }
            }

            if (options.Has("throughput"))
            {
                foreach (var storage in options.StorageModes)
                {
                    foreach (var bulkhead in options.Bulkheads)
                    {
                        await WithPlatformAsync(new PlatformConfig { Storage = storage, Bulkhead = bulkhead }, p => ThroughputAsync(p));
                    }
                }
            }

            if (options.Has("latency") || options.Has("fanout"))
            {
                await WithPlatformAsync(new PlatformConfig { Storage = Storage.Redis }, async p =>
                {
                    if (options.Has("latency"))
                    {
                        await LatencyAsync(p);
                    }

                    if (options.Has("fanout"))
                    {
                        await FanOutAsync(p);
                    }
                });
            }

            if (options.Has("backlog"))
            {
                for (var run = 1; run <= options.BacklogRuns; run++)
                {
                    await WithPlatformAsync(new PlatformConfig { Storage = Storage.Redis }, p => BacklogAsync(p, run));
                }
            }

            if (options.Has("recovery"))
            {
                await WithPlatformAsync(RecoveryConfig, RecoveryAsync);
            }

            if (options.Has("scale"))
            {
                await WithPlatformAsync(new PlatformConfig { Storage = Storage.Redis }, ScaleAsync);
                if (options.ScaleSoak > TimeSpan.Zero)
                {
                    await SoakAsync();
                }
            }
        }
        finally
        {
            await _nginx.DisposeAsync();
        }
    }

    /// <summary>Starts Redis (when asked for) and the platform, runs <paramref name="body"/>, stops them all.</summary>
    private async Task WithPlatformAsync(PlatformConfig config, Func<Platform, Task> body)
    {
        config = config with { ExtraSiloSettings = options.SiloSettings };
        RecordLoad("before " + config.Describe());
        Console.WriteLine($"==> starting the platform: {config.Describe()}");
        var started = Stopwatch.StartNew();
        RedisServer? redis = null;
        Platform? platform = null;
        try
        {
            if (config.Storage == Storage.Redis || config.Silos > 1)
            {
                redis = await RedisServer.StartAsync(workRoot, "redis-" + Guid.NewGuid().ToString("N")[..6]);
            }

            platform = await Platform.StartAsync(repoRoot, workRoot, config, redis);
            Console.WriteLine($"    up in {started.Elapsed.TotalSeconds:0.0} s: silo pid {string.Join(", ", platform.Silos.Select(s => s.Process.Pid))}, gateway pid {platform.Gateway.Pid} on {platform.GatewayUrl}"
                + (redis is null ? "" : $", redis-server pid {redis.Process.Pid} on :{redis.Port}"));
            await body(platform);
        }
        finally
        {
            if (platform is not null)
            {
                await platform.DisposeAsync();
            }

            if (redis is not null)
            {
                await redis.DisposeAsync();
            }
        }
    }

    private void RecordLoad(string when)
    {
        var load = Stats.Load(when);
        report.Load.Add(load);
        Console.WriteLine($"    load average {load.Load1:0.00} {load.Load5:0.00} {load.Load15:0.00} ({when})");
    }

    private static string Label(PlatformConfig c) => $"{c.Storage}, bulkhead {c.Bulkhead}"
        + string.Concat(c.ExtraSiloSettings.Select(s => $", {s.Key}={s.Value}"));

    private static void Progress(string text) => Console.WriteLine("    " + text);

    /// <summary>
    /// Publishes as fast as the gateway accepts: <paramref name="publishers"/> concurrent loops, each
    /// sending the next event as soon as the previous one is answered, until <paramref name="duration"/>.
    /// </summary>
    private static async Task<(long Accepted, long Refused)> PublishClosedLoopAsync(
        ApiClient api, int publishers, TimeSpan duration, string type, Func<long, string> id, Action<long>? tick = null)
    {
        long next = -1, accepted = 0, refused = 0;
        var stopwatch = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource();
        var reporter = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(1000, cts.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                tick?.Invoke(Interlocked.Read(ref accepted));
            }
        });
        var loops = Enumerable.Range(0, publishers).Select(_ => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref next);
                var status = await api.PublishAsync(id(n), type);
                Interlocked.Increment(ref status == 202 ? ref accepted : ref refused);
            }
        }));
        await Task.WhenAll(loops);
        await cts.CancelAsync();
        await reporter;
        return (accepted, refused);
    }

    /// <summary>Waits until the receiver has served <paramref name="expected"/> more requests than <paramref name="baseline"/>.</summary>
    private async Task<bool> WaitForReceiptsAsync(long baseline, long expected, TimeSpan timeout, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        var lastPrint = TimeSpan.Zero;
        long last = 0;
        while (stopwatch.Elapsed < timeout)
        {
            var received = await _nginx.RequestsAsync() - baseline;
            if (received >= expected)
            {
                return true;
            }

            if (stopwatch.Elapsed - lastPrint >= TimeSpan.FromSeconds(1))
            {
                Progress($"{what}: received {received:N0} of {expected:N0} (+{received - last:N0})");
                lastPrint = stopwatch.Elapsed;
                last = received;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static double UnixMsNow() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static string Id(string prefix, long n) => prefix + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Per-second counts of <paramref name="times"/> (unix ms) from <paramref name="startMs"/>.</summary>
    private static (double[] Seconds, double[] Values) PerSecond(IEnumerable<double> times, double startMs)
    {
        var buckets = new SortedDictionary<int, double>();
        foreach (var t in times)
        {
            var s = (int)Math.Floor((t - startMs) / 1000);
            buckets[s] = buckets.GetValueOrDefault(s) + 1;
        }

        if (buckets.Count == 0)
        {
            return ([], []);
        }

        // The last second is partial (the run ended in it): leave it out.
        var last = buckets.Keys.Max() - 1;
        if (last < 0)
        {
            return ([], []);
        }

        var seconds = Enumerable.Range(0, last + 1).Select(s => (double)s).ToArray();
        return (seconds, seconds.Select(s => buckets.GetValueOrDefault((int)s)).ToArray());
    }
}
