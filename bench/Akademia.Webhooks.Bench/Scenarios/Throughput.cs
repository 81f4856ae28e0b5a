using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Akademia.Webhooks.Bench.Infra;

namespace Akademia.Webhooks.Bench;

public sealed partial class Bench
{
    private const string ThroughputType = "bench.throughput";

    /// <summary>
    /// Scenario 1: publish as fast as the gateway accepts, every event to <see cref="BenchOptions.Endpoints"/>
    /// endpoints (each its own URL path on the 200 receiver, so each has its own breaker), and count
    /// what the receiver gets. Deliveries/s = all deliveries of the run / (last receipt − first publish):
    /// the publishing window plus the drain. Cross-checked with the monitor's successful deliveries.
    /// </summary>
    private async Task ThroughputAsync(Platform platform)
    {
        var label = Label(platform.Config);
        var api = platform.Api;
        await api.RegisterEventTypeAsync(ThroughputType);
        await api.CreateEndpointsAsync(options.Endpoints, i => $"http://127.0.0.1:{_nginx.OkPort}/t/{i}", ThroughputType);
        var perEvent = options.Endpoints;

        Console.WriteLine($"==> throughput [{label}]: warm-up {options.WarmUp.TotalSeconds:0} s");
        var baseline = await _nginx.RequestsAsync();
        var warm = await PublishClosedLoopAsync(api, options.Publishers, options.WarmUp, ThroughputType, n => Id("tw-", n));
        await WaitForReceiptsAsync(baseline, warm.Accepted * perEvent, TimeSpan.FromSeconds(60), "warm-up drain");

        var processes = new List<ChildProcess>(platform.Silos.Select(s => s.Process)) { platform.Gateway, _nginx.Process };
        if (platform.Redis is not null)
        {
            processes.Add(platform.Redis.Process);
        }

        var deliveriesPerSecond = report.Get("1 throughput", label, "deliveries/s (end to end)", "/s",
            platform.Config.Storage == Storage.Memory ? new Target(">=", 5000) : new Target(">=", 2000));
        var runsSeries = new List<(double Rate, Series Series)>();
        for (var run = 1; run <= options.Runs; run++)
        {
            RecordLoad($"throughput {label} run {run}");
            await Task.Delay(1200); // the silos report to the monitor once a second
            await _nginx.MarkAsync();
            var monitorBefore = await api.MonitorAsync();
            baseline = await _nginx.RequestsAsync();
            var cpuBefore = processes.ToDictionary(p => p.Name, p => p.CpuTime());
            var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var prefix = $"tp{run}-";
            var startMs = UnixMsNow();
            var stopwatch = Stopwatch.StartNew();
            var (accepted, refused) = await PublishClosedLoopAsync(api, options.Publishers, options.Duration, ThroughputType, n => Id(prefix, n),
                a => Progress($"run {run}/{options.Runs} t={stopwatch.Elapsed.TotalSeconds:0}s: accepted {a:N0} events ({a / stopwatch.Elapsed.TotalSeconds:N0}/s)"));
            var publishSeconds = stopwatch.Elapsed.TotalSeconds;
            var expected = accepted * perEvent;
            var complete = await WaitForReceiptsAsync(baseline, expected, TimeSpan.FromSeconds(Math.Max(60, options.Duration.TotalSeconds * 6)), "drain");
            var cpu = processes.ToDictionary(p => p.Name, p => (p.CpuTime() - cpuBefore[p.Name]).TotalSeconds);
            cpu["bench"] = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds;

            var receipts = (await _nginx.ReadReceiptsAsync()).Where(r => r.MessageId.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            var ok = receipts.Where(r => r.Status == 200).ToList();
            var distinct = ok.Select(r => r.MessageId).Distinct().Count();
            var lastMs = ok.Count > 0 ? ok.Max(r => r.UnixMs) : startMs;
            var rate = distinct / ((lastMs - startMs) / 1000);
            await Task.Delay(1500); // the silos report to the monitor once a second
            var monitorAfter = await api.MonitorAsync();
            var platformCount = monitorAfter.Successful - monitorBefore.Successful;

            deliveriesPerSecond.Runs.Add(rate);
            report.Get("1 throughput", label, "publish accepted", "events/s").Runs.Add(accepted / publishSeconds);
            report.Get("1 throughput", label, "drain after publishing", "s").Runs.Add(Math.Max(0, (lastMs - startMs) / 1000 - publishSeconds));
            var totalCpu = cpu.Values.Sum();
            report.Get("1 throughput", label, "CPU per delivery, all processes", "µs").Runs.Add(totalCpu * 1e6 / Math.Max(1, distinct));
            foreach (var (name, seconds) in cpu)
            {
                var key = name.StartsWith("redis", StringComparison.Ordinal) ? "redis" : name;
                report.Get("1 throughput", label, $"CPU per delivery, {key}", "µs").Runs.Add(seconds * 1e6 / Math.Max(1, distinct));
            }

            var (seconds_, values) = PerSecond(ok.Select(r => r.UnixMs), startMs);
            runsSeries.Add((rate, new Series($"{label} run {run}", "deliveries/s", seconds_, values)));
            Console.WriteLine($"    run {run}: {accepted:N0} events accepted in {publishSeconds:0.0} s ({accepted / publishSeconds:N0}/s, {refused} refused); "
                + $"receiver got {distinct:N0} of {expected:N0} deliveries, last {(lastMs - startMs) / 1000:0.0} s after the first publish: {rate:N0} deliveries/s; "
                + $"monitor counted {platformCount:N0} successful; CPU s: {string.Join(", ", cpu.Select(c => $"{c.Key} {c.Value:0.0}"))}");
            if (!complete || distinct != expected || platformCount != expected)
            {
                report.Note($"throughput {label} run {run}: expected {expected:N0} deliveries, receiver got {distinct:N0} distinct ({ok.Count:N0} requests), monitor counted {platformCount:N0}"
                    + (complete ? "" : " (timed out waiting)"));
            }

            if (receipts.Count != ok.Count)
            {
                report.Note($"throughput {label} run {run}: {receipts.Count - ok.Count} receipts were not 200");
            }
        }

        // The chart shows the median run.
        var median = runsSeries.OrderBy(r => r.Rate).ElementAt(runsSeries.Count / 2).Series;
        report.ThroughputSeries.Add(median with { Name = label });
        if (report.Measurements.FirstOrDefault(m => m.Scenario == "6 ceiling" && m.Config == $"concurrency {options.Endpoints * platform.Config.Bulkhead}") is { } ceiling)
        {
            report.Get("1 throughput", label, "share of the ceiling", "%", platform.Config.Storage == Storage.Memory ? new Target(">=", 40) : null)
                .Runs.AddRange(deliveriesPerSecond.Runs.Select(r => 100 * r / ceiling.Median));
        }
    }

    /// <summary>
    /// Scenario 6: the receiver's ceiling on this machine. Raw <see cref="HttpClient"/> POSTs of the same
    /// body with the same headers to the same receiver, with the concurrency the platform may use
    /// (endpoints × bulkhead), for as long as a throughput run publishes.
    /// </summary>
    private async Task CeilingAsync(int concurrency)
    {
        var label = $"concurrency {concurrency}";
        Console.WriteLine($"==> ceiling [{label}]: raw HttpClient POSTs to nginx");
        var body = Encoding.UTF8.GetBytes("{\"id\":\"evt_0123456789\",\"type\":\"" + ThroughputType + "\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"data\":{\"studentId\":\"s-1042\",\"courseId\":\"c-77\",\"score\":97,\"grader\":\"benchmark\",\"comment\":\"A steady and complete answer; well argued.\"}}");
        var key = RandomNumberGenerator.GetBytes(32);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { Timeout = TimeSpan.FromSeconds(30) };

        async Task<long> LoopAsync(TimeSpan duration)
        {
            long done = 0;
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
            {
                var buffer = new byte[65536];
                while (stopwatch.Elapsed < duration)
                {
                    // What the platform's sender does per attempt: sign the body twice, build the
                    // request, read the answer within a bound.
                    var now = DateTimeOffset.UtcNow;
                    var webhookId = $"ceiling:{worker}";
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{_nginx.OkPort}/c/{worker % options.Endpoints}"))
                    {
                        Content = new ByteArrayContent(body),
                        Version = System.Net.HttpVersion.Version11,
                    };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    request.Headers.TryAddWithoutValidation("User-Agent", "Akademia.Orleans/0.1.0");
                    request.Headers.TryAddWithoutValidation("X-Webhook-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, body)));
                    request.Headers.TryAddWithoutValidation("X-Webhook-ID", "evt_0123456789");
                    request.Headers.TryAddWithoutValidation("X-Webhook-Timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                    request.Headers.TryAddWithoutValidation("webhook-id", webhookId);
                    request.Headers.TryAddWithoutValidation("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                    var signed = Encoding.UTF8.GetBytes($"{webhookId}.{now.ToUnixTimeSeconds()}.").Concat(body).ToArray();
                    request.Headers.TryAddWithoutValidation("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed)));
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await using var stream = await response.Content.ReadAsStreamAsync();
                    while (await stream.ReadAsync(buffer) > 0)
                    {
                    }

                    Interlocked.Increment(ref done);
                }
            })));
            return done;
        }

        await LoopAsync(TimeSpan.FromSeconds(options.Quick ? 1 : 2));
        var m = report.Get("6 ceiling", label, "raw POSTs/s", "/s");
        for (var run = 1; run <= options.Runs; run++)
        {
            RecordLoad($"ceiling {label} run {run}");
            var before = await _nginx.RequestsAsync();
            var stopwatch = Stopwatch.StartNew();
            var done = await LoopAsync(options.Duration);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            var served = await _nginx.RequestsAsync() - before;
            m.Runs.Add(done / seconds);
            Console.WriteLine($"    run {run}: {done:N0} POSTs in {seconds:0.0} s = {done / seconds:N0}/s (nginx counted {served:N0})");
        }
    }
}
