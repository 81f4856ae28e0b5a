using System.Collections.Concurrent;
using System.Diagnostics;
using Akademia.Webhooks.Bench.Infra;
using HdrHistogram;

namespace Akademia.Webhooks.Bench;

public sealed partial class Bench
{
    private const string LatencyType = "bench.latency";
    private const string FanOutType = "bench.fanout";

    /// <summary>
    /// Scenario 2: publish at a fixed rate (open loop: each event is sent at its time whether or not
    /// earlier ones were answered) to one subscribed endpoint. Records the publish answer time (HTTP
    /// 202) and publish-to-receipt (send time to the receiver's arrival time in its access log, ms
    /// resolution) in HdrHistograms.
    /// </summary>
    private async Task LatencyAsync(Platform platform)
    {
        var label = $"{platform.Config.Storage}, {options.LatencyRate:N0} events/s, 1 endpoint";
        var api = platform.Api;
        await api.RegisterEventTypeAsync(LatencyType);
        await api.CreateEndpointAsync($"http://127.0.0.1:{_nginx.OkPort}/l/0", LatencyType);

        Console.WriteLine($"==> latency [{label}]: warm-up");
        var before = await _nginx.RequestsAsync();
        var warm = await OpenLoopAsync(api, options.LatencyRate, TimeSpan.FromSeconds(options.Quick ? 1 : 5), "lw-", null, null);
        await WaitForReceiptsAsync(before, warm.Sent - warm.Refused, TimeSpan.FromSeconds(90), "warm-up drain");
        await Task.Delay(1000);

        var p50 = report.Get("2 latency", label, "publish p50", "ms");
        var p95 = report.Get("2 latency", label, "publish p95", "ms");
        var p99 = report.Get("2 latency", label, "publish p99", "ms", platform.Config.Storage == Storage.Redis ? new Target("<", 20) : null);
        var max = report.Get("2 latency", label, "publish max", "ms");
        var r50 = report.Get("2 latency", label, "publish-to-receipt p50", "ms");
        var r99 = report.Get("2 latency", label, "publish-to-receipt p99", "ms");
        for (var run = 1; run <= options.Runs; run++)
        {
            RecordLoad($"latency run {run}");
            await _nginx.MarkAsync();
            var baseline = await _nginx.RequestsAsync();
            var prefix = $"lt{run}-";
            var publish = new LongHistogram(60_000_000, 3);
            var sent = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
            var perSecond = new ConcurrentDictionary<int, LongHistogram>();
            var startMs = UnixMsNow();
            var elapsed = Stopwatch.StartNew();
            var (count, refused, lagMs, saturated) = await OpenLoopAsync(api, options.LatencyRate, options.LatencyDuration, prefix, (id, sendMs, micros) =>
            {
                sent[id] = sendMs;
                lock (publish)
                {
                    publish.RecordValue(micros);
                    perSecond.GetOrAdd((int)((sendMs - startMs) / 1000), _ => new LongHistogram(60_000_000, 3)).RecordValue(micros);
                }
            }, (s, pending) => Progress($"run {run}/{options.Runs} t={s}s: {sent.Count:N0} answered, {pending:N0} waiting for an answer"));
            var answeredPerSecond = (count - refused) / elapsed.Elapsed.TotalSeconds;
            report.Get("2 latency", label, "publishes answered", "events/s").Runs.Add(answeredPerSecond);
            if (saturated is { } after)
            {
                report.Note($"latency run {run}: the platform did not keep up with {options.LatencyRate:N0} events/s: more than 5 s of events were unanswered after {after:0.0} s, so the run stopped there (figures cover {count:N0} events)");
            }
            await WaitForReceiptsAsync(baseline, count - refused, TimeSpan.FromSeconds(60), "receipts");
            var receipts = (await _nginx.ReadReceiptsAsync()).Where(r => r.Status == 200 && r.MessageId.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            var toReceipt = new LongHistogram(600_000_000, 3);
            var receiptPerSecond = new SortedDictionary<int, LongHistogram>();
            foreach (var group in receipts.GroupBy(r => r.MessageId[..r.MessageId.LastIndexOf(':')]))
            {
                if (!sent.TryGetValue(group.Key, out var sendMs))
                {
                    continue;
                }

                var micros = (long)Math.Max(0, (group.Min(r => r.UnixMs) - sendMs) * 1000);
                toReceipt.RecordValue(micros);
                var second = (int)((sendMs - startMs) / 1000);
                if (!receiptPerSecond.TryGetValue(second, out var h))
                {
                    receiptPerSecond[second] = h = new LongHistogram(600_000_000, 3);
                }

                h.RecordValue(micros);
            }

            static double Ms(LongHistogram h, double percentile) => h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(percentile) / 1000.0;
            p50.Runs.Add(Ms(publish, 50));
            p95.Runs.Add(Ms(publish, 95));
            p99.Runs.Add(Ms(publish, 99));
            max.Runs.Add(publish.GetMaxValue() / 1000.0);
            r50.Runs.Add(Ms(toReceipt, 50));
            r99.Runs.Add(Ms(toReceipt, 99));
            Console.WriteLine($"    run {run}: {count:N0} sent ({refused} refused, generator lag max {lagMs:0.0} ms); publish p50 {Ms(publish, 50):0.00} p95 {Ms(publish, 95):0.00} p99 {Ms(publish, 99):0.00} max {publish.GetMaxValue() / 1000.0:0.0} ms; "
                + $"publish-to-receipt p50 {Ms(toReceipt, 50):0.0} p99 {Ms(toReceipt, 99):0.0} ms ({toReceipt.TotalCount:N0} received)");
            if (toReceipt.TotalCount != count - refused)
            {
                report.Note($"latency run {run}: {count - refused:N0} accepted, {toReceipt.TotalCount:N0} received");
            }

            if (run == (options.Runs + 1) / 2)
            {
                var seconds = perSecond.Keys.Order().ToArray();
                report.LatencySeries.Add(new Series("publish p99", "ms", [.. seconds.Select(s => (double)s)], [.. seconds.Select(s => perSecond[s].GetValueAtPercentile(99) / 1000.0)]));
                report.LatencySeries.Add(new Series("publish p50", "ms", [.. seconds.Select(s => (double)s)], [.. seconds.Select(s => perSecond[s].GetValueAtPercentile(50) / 1000.0)]));
                var rs = receiptPerSecond.Keys.ToArray();
                report.LatencySeries.Add(new Series("publish-to-receipt p99", "ms", [.. rs.Select(s => (double)s)], [.. rs.Select(s => receiptPerSecond[s].GetValueAtPercentile(99) / 1000.0)]));
                report.LatencySeries.Add(new Series("publish-to-receipt p50", "ms", [.. rs.Select(s => (double)s)], [.. rs.Select(s => receiptPerSecond[s].GetValueAtPercentile(50) / 1000.0)]));
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="rate"/> events per second for <paramref name="duration"/>, each at its
    /// scheduled time, without waiting for earlier answers. Latency is measured from the moment each
    /// request is handed to the client; the generator's lag behind schedule is reported. When the
    /// platform cannot keep up (more than 5 s of events unanswered) it stops early: the rate is
    /// beyond capacity, and going on would only queue more.
    /// </summary>
    private static async Task<(long Sent, long Refused, double MaxLagMs, double? SaturatedAfter)> OpenLoopAsync(
        ApiClient api, int rate, TimeSpan duration, string prefix, Action<string, double, long>? record, Action<int, long>? tick)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var inFlight = new List<Task>();
        long refused = 0, pending = 0;
        double maxLag = 0;
        double? saturatedAfter = null;
        var stopwatch = Stopwatch.StartNew();
        var lastTick = 0;

        // Runs synchronously up to the socket write: the request leaves at its scheduled time.
        async Task SendAsync(string id)
        {
            Interlocked.Increment(ref pending);
            var sendMs = UnixMsNow();
            var started = Stopwatch.GetTimestamp();
            var status = await api.PublishAsync(id, LatencyType);
            var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            Interlocked.Decrement(ref pending);
            if (status == 202)
            {
                record?.Invoke(id, sendMs, micros);
            }
            else
            {
                Interlocked.Increment(ref refused);
            }
        }

        long n = 0;
        while (n < total)
        {
            var due = (long)(stopwatch.Elapsed.TotalSeconds * rate);
            if (due > n)
            {
                maxLag = Math.Max(maxLag, stopwatch.Elapsed.TotalMilliseconds - n * 1000.0 / rate);
            }

            for (; n < Math.Min(due, total); n++)
            {
                inFlight.Add(SendAsync(Id(prefix, n)));
            }

            if ((int)stopwatch.Elapsed.TotalSeconds > lastTick)
            {
                lastTick = (int)stopwatch.Elapsed.TotalSeconds;
                tick?.Invoke(lastTick, Interlocked.Read(ref pending));
            }

            if (Interlocked.Read(ref pending) > rate * 5L)
            {
                saturatedAfter = stopwatch.Elapsed.TotalSeconds;
                break;
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(inFlight);
        return (n, refused, maxLag, saturatedAfter);
    }

    /// <summary>
    /// Scenario 3: one event to <see cref="BenchOptions.FanOut"/> endpoints (each its own URL path):
    /// the time from sending the publish until the receiver has all of them.
    /// </summary>
    private async Task FanOutAsync(Platform platform)
    {
        var n = options.FanOut;
        var label = $"{platform.Config.Storage}, {n:N0} endpoints";
        var api = platform.Api;
        Console.WriteLine($"==> fan-out [{label}]: creating {n:N0} endpoints");
        await api.RegisterEventTypeAsync(FanOutType);
        var created = Stopwatch.StartNew();
        await api.CreateEndpointsAsync(n, i => $"http://127.0.0.1:{_nginx.OkPort}/f/{i}", FanOutType);
        Console.WriteLine($"    created in {created.Elapsed.TotalSeconds:0.0} s");

        var all = report.Get("3 fan-out", label, "time until all received", "ms", new Target("<", 2000));
        var first = report.Get("3 fan-out", label, "time until the first received", "ms");
        var answer = report.Get("3 fan-out", label, "publish answered (202)", "ms");
        for (var run = 1; run <= options.Runs; run++)
        {
            RecordLoad($"fan-out run {run}");
            await _nginx.MarkAsync();
            var baseline = await _nginx.RequestsAsync();
            var id = $"fo{run}-{Guid.NewGuid():N}";
            var startMs = UnixMsNow();
            var stopwatch = Stopwatch.StartNew();
            var status = await api.PublishAsync(id, FanOutType);
            var answered = stopwatch.Elapsed.TotalMilliseconds;
            var complete = await WaitForReceiptsAsync(baseline, n, TimeSpan.FromSeconds(60), "fan-out");
            var receipts = (await _nginx.ReadReceiptsAsync()).Where(r => r.MessageId.StartsWith(id, StringComparison.Ordinal) && r.Status == 200).ToList();
            var distinct = receipts.Select(r => r.MessageId).Distinct().Count();
            var lastMs = receipts.Count > 0 ? receipts.Max(r => r.UnixMs) - startMs : double.NaN;
            var firstMs = receipts.Count > 0 ? receipts.Min(r => r.UnixMs) - startMs : double.NaN;
            all.Runs.Add(lastMs);
            first.Runs.Add(firstMs);
            answer.Runs.Add(answered);
            Console.WriteLine($"    run {run}{(run == 1 ? " (first: breakers, bulkheads and logs of the endpoints activate)" : "")}: publish {status} in {answered:0.0} ms; "
                + $"{distinct:N0} of {n:N0} received, first after {firstMs:0} ms, all after {lastMs:0} ms");
            if (!complete || distinct != n)
            {
                report.Note($"fan-out run {run}: {distinct} of {n} received");
            }
        }
    }
}
