using System.Diagnostics;
using Akademia.Webhooks.Bench.Infra;

namespace Akademia.Webhooks.Bench;

public sealed partial class Bench
{
    private const string BacklogType = "bench.backlog";
    private const string RecoveryType = "bench.recovery";

    /// <summary>
    /// Scenario 4: <see cref="BenchOptions.Backlog"/> deliveries to receivers answering 500, so every
    /// one sits in the retry ladder (its first retry is due a minute later, the product's default).
    /// Reports silo RSS and Redis memory per pending delivery, and checks that the delivery grains
    /// deactivated while their reminders stay registered in Redis.
    /// </summary>
    private async Task BacklogAsync(Platform platform, int run)
    {
        var total = options.Backlog;
        var endpoints = options.BacklogEndpoints;
        var events = total / endpoints;
        var label = $"{platform.Config.Storage}, {total:N0} pending";
        var api = platform.Api;
        var redis = platform.Redis!;
        var silo = platform.Silos[0].Process;
        await using var probe = await OrleansProbe.ConnectAsync(platform);
        await api.RegisterEventTypeAsync(BacklogType);
        await api.CreateEndpointsAsync(endpoints, i => $"http://127.0.0.1:{_nginx.FailPort}/b/{i}", BacklogType);
        await Task.Delay(2000);

        RecordLoad($"backlog run {run}");
        var rss0 = silo.RssBytes();
        var redis0 = await redis.UsedMemoryAsync();
        var keys0 = await redis.DbSizeAsync();
        Console.WriteLine($"==> backlog [{label}] run {run}: {events:N0} events × {endpoints} endpoints answering 500; silo RSS before {Fmt.Bytes(rss0)}, Redis {Fmt.Bytes(redis0)} in {keys0:N0} keys");

        var stopwatch = Stopwatch.StartNew();
        long published = 0, refused = 0, next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Publishers).Select(_ => Task.Run(async () =>
        {
            long n;
            while ((n = Interlocked.Increment(ref next)) < events)
            {
                var status = await api.PublishAsync(Id($"bl{run}-", n), BacklogType);
                Interlocked.Increment(ref status == 202 ? ref published : ref refused);
            }
        })).Append(Task.Run(async () =>
        {
            while (Interlocked.Read(ref next) < events)
            {
                await Task.Delay(1000);
                Progress($"t={stopwatch.Elapsed.TotalSeconds:0}s: published {Interlocked.Read(ref published):N0} of {events:N0} events");
            }
        })));
        var publishSeconds = stopwatch.Elapsed.TotalSeconds;

        // Every delivery has made its first attempt once the monitor counts them all pending.
        var expected = published * endpoints;
        MonitorFigures monitor;
        var lastPrint = TimeSpan.Zero;
        while (true)
        {
            monitor = await api.MonitorAsync();
            if (monitor.Pending + monitor.Successful + monitor.Failed >= expected || stopwatch.Elapsed > TimeSpan.FromMinutes(5))
            {
                break;
            }

            if (stopwatch.Elapsed - lastPrint >= TimeSpan.FromSeconds(2))
            {
                Progress($"t={stopwatch.Elapsed.TotalSeconds:0}s: {monitor.Pending:N0} of {expected:N0} deliveries pending");
                lastPrint = stopwatch.Elapsed;
            }

            await Task.Delay(500);
        }

        var createdSeconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"    {monitor.Pending:N0} deliveries pending after {createdSeconds:0.0} s (publishing took {publishSeconds:0.0} s); waiting for the delivery grains to deactivate");

        // Delivery grains deactivate once their attempt is recorded.
        var activations = await probe.DeliveryActivationsAsync();
        for (var i = 0; i < 40 && activations > expected / 100; i++)
        {
            await Task.Delay(500);
            activations = await probe.DeliveryActivationsAsync();
        }

        await Task.Delay(2000);
        activations = await probe.DeliveryActivationsAsync();
        var all = await probe.ActivationsAsync();
        var rss = silo.RssBytes();
        var used = await redis.UsedMemoryAsync();
        var keys = await redis.DbSizeAsync();
        var (reminders, deliveryReminders) = await redis.ReminderRowsAsync(Platform.ServiceId);
        var measuredAt = stopwatch.Elapsed.TotalSeconds;

        report.Get("4 backlog", label, "time to create the backlog", "s").Runs.Add(createdSeconds);
        report.Get("4 backlog", label, "silo RSS per pending delivery (growth)", "B", new Target("<", 2048)).Runs.Add((rss - rss0) / (double)expected);
        report.Get("4 backlog", label, "silo RSS", "MiB").Runs.Add(rss / 1048576.0);
        report.Get("4 backlog", label, "Redis used_memory per pending delivery", "B").Runs.Add((used - redis0) / (double)expected);
        report.Get("4 backlog", label, "Redis keys per pending delivery", "").Runs.Add((keys - keys0) / (double)expected);
        report.Get("4 backlog", label, "delivery grain activations left", "").Runs.Add(activations);
        report.Get("4 backlog", label, "delivery reminders registered", "").Runs.Add(deliveryReminders);
        Console.WriteLine($"    after {measuredAt:0} s: silo RSS {Fmt.Bytes(rss)} (+{Fmt.Bytes(rss - rss0)}, {(rss - rss0) / (double)expected:0} B per pending delivery); "
            + $"Redis used_memory {Fmt.Bytes(used)} (+{Fmt.Bytes(used - redis0)}, {(used - redis0) / (double)expected:0} B each), DBSIZE {keys:N0} (+{keys - keys0:N0}), AOF {Fmt.Bytes(redis.AofBytes())}; "
            + $"delivery activations {activations:N0}; reminder rows {reminders:N0}, of deliveries {deliveryReminders:N0}; monitor pending {monitor.Pending:N0}");
        Console.WriteLine($"    activations by type: {string.Join(", ", all.Where(a => a.Value > 0).OrderByDescending(a => a.Value).Take(8).Select(a => $"{a.Key[(a.Key.LastIndexOf('.') + 1)..]} {a.Value:N0}"))}");
        if (deliveryReminders != expected)
        {
            report.Note($"backlog run {run}: {expected:N0} deliveries pending, {deliveryReminders:N0} delivery reminders in Redis");
        }

        if (measuredAt > 50)
        {
            report.Note($"backlog run {run}: measured {measuredAt:0} s after the first publish; the first retries (due 54–66 s after each first attempt) may have started");
        }
    }

    /// <summary>
    /// Scenario 5's cluster: two silos on Redis, a compressed ladder (5 s steps, reminders every
    /// 10 s) so that retries are due while the silo is down, and a breaker that does not open (the
    /// receiver fails on purpose).
    /// </summary>
    private static PlatformConfig RecoveryConfig => new()
    {
        Storage = Storage.Redis,
        Silos = 2,
        SiloSettings = new Dictionary<string, string>(
            Enumerable.Range(0, 10).Select(i => KeyValuePair.Create($"Delivery__RetryDelays__{i}", "00:00:05")))
        {
            ["Delivery__ReminderPeriod"] = "00:00:10",
            ["Cluster__MinimumReminderPeriod"] = "00:00:10",
            ["CircuitBreaker__FailureThreshold"] = "1000",
        },
    };

    /// <summary>
    /// Scenario 5: deliveries pending in the ladder on a two-silo cluster, the receiver healed, then
    /// kill -9 of one silo: the time until every delivery has reached the receiver (those whose
    /// reminders the dead silo owned resume on the other), and how many were lost.
    /// </summary>
    private async Task RecoveryAsync(Platform platform)
    {
        var total = options.Recovery;
        var endpoints = options.Endpoints;
        var events = total / endpoints;
        var label = $"Redis, 2 silos, {total:N0} pending";
        var api = platform.Api;
        await using var probe = await OrleansProbe.ConnectAsync(platform);
        await api.RegisterEventTypeAsync(RecoveryType);
        await api.CreateEndpointsAsync(endpoints, i => $"http://127.0.0.1:{_nginx.FlakyPort}/r/{i}", RecoveryType);

        var recovery = report.Get("5 recovery", label, "kill -9 to all delivered", "s", new Target("<", 60));
        var resumed = report.Get("5 recovery", label, "kill -9 to the dead silo's deliveries resuming", "s");
        var lost = report.Get("5 recovery", label, "lost deliveries", "", new Target("==", 0));
        for (var run = 1; run <= options.Runs; run++)
        {
            RecordLoad($"recovery run {run}");
            await _nginx.BreakFlakyAsync();
            await _nginx.MarkAsync();
            var prefix = $"rc{run}-";
            Console.WriteLine($"==> recovery [{label}] run {run}: {events} events × {endpoints} endpoints, first attempts fail");
            var monitorBefore = await api.MonitorAsync();
            await Parallel.ForAsync(0, events, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
            {
                var status = await api.PublishAsync(Id(prefix, n), RecoveryType, ct);
                if (status != 202)
                {
                    throw new InvalidOperationException($"publish answered {status}");
                }
            });

            // Wait until every delivery has failed once and is pending (its reminder armed).
            var wait = Stopwatch.StartNew();
            while (wait.Elapsed < TimeSpan.FromSeconds(60))
            {
                var m = await api.MonitorAsync();
                if (m.Pending - monitorBefore.Pending >= total)
                {
                    break;
                }

                await Task.Delay(250);
            }

            await _nginx.HealFlakyAsync();
            var victim = platform.Silos[^1];
            var killMs = UnixMsNow();
            victim.Process.KillHard();
            platform.ForgetSilo(victim);
            Console.WriteLine($"    receiver healed; killed {victim.Process.Name} (pid {victim.Process.Pid}) with SIGKILL");

            var stopwatch = Stopwatch.StartNew();
            HashSet<string> delivered = [];
            List<Receipt> receipts = [];
            while (stopwatch.Elapsed < TimeSpan.FromSeconds(options.Quick ? 90 : 120))
            {
                receipts = [.. (await _nginx.ReadReceiptsAsync()).Where(r => r.MessageId.StartsWith(prefix, StringComparison.Ordinal))];
                delivered = [.. receipts.Where(r => r.Status == 200).Select(r => r.MessageId)];
                Progress($"t={stopwatch.Elapsed.TotalSeconds:0}s after the kill: {delivered.Count:N0} of {total:N0} delivered");
                if (delivered.Count >= total)
                {
                    break;
                }

                await Task.Delay(500);
            }

            var firstSuccess = receipts.Where(r => r.Status == 200).GroupBy(r => r.MessageId).Select(g => g.Min(r => r.UnixMs)).Order().ToArray();
            var lastSeconds = firstSuccess.Length > 0 ? (firstSuccess[^1] - killMs) / 1000 : double.NaN;

            // The dead silo's deliveries are those that resume last: after the survivor takes over
            // the dead silo's reminders. The gap in arrivals separates them from the survivor's own.
            var gaps = firstSuccess.Zip(firstSuccess.Skip(1), (a, b) => (Gap: b - a, At: b)).ToArray();
            var resumeMs = gaps.Length > 0 ? gaps.MaxBy(g => g.Gap).At : double.NaN;
            var duplicates = receipts.Count(r => r.Status == 200) - delivered.Count;
            recovery.Runs.Add(delivered.Count >= total ? lastSeconds : double.NaN);
            resumed.Runs.Add((resumeMs - killMs) / 1000);
            lost.Runs.Add(total - delivered.Count);
            Console.WriteLine($"    run {run}: {delivered.Count:N0} of {total:N0} delivered, the last {lastSeconds:0.0} s after the kill; "
                + $"the dead silo's deliveries resumed {(resumeMs - killMs) / 1000:0.0} s after it; {duplicates} duplicate POSTs");
            if (duplicates > 0)
            {
                report.Note($"recovery run {run}: {duplicates} duplicate POSTs (at least once: attempts in flight at the kill are repeated)");
            }

            if (run < options.Runs)
            {
                Console.WriteLine("    restarting the killed silo");
                await platform.StartSiloAsync();
                for (var i = 0; i < 120 && await probe.ActiveSilosAsync() < 2; i++)
                {
                    await Task.Delay(500);
                }
            }
        }
    }
}
