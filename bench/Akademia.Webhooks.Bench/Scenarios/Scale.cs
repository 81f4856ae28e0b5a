using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using Akademia.Webhooks.Bench.Infra;
using Akademia.Webhooks.Grains.Abstractions;
using Akademia.Webhooks.Grains.DeadLetters;
using StackExchange.Redis;

namespace Akademia.Webhooks.Bench;

public sealed partial class Bench
{
    private const string ScaleType = "bench.scale";
    private const string SoakType = "bench.soak";
    private const int ScaleEventTypes = 10;
    private const int DeadLetterLimit = 50;

    /// <summary>The bound of a batch replay's <c>limit</c> (DeadLetterBatch.MaxLimit): a batch replay of 1,000 is one call.</summary>
    private const int ReplayLimit = 1000;

    private const int BatchReplay = 1000;
    private const long OneMegabyte = 1_000_000;

    private static string ScaleApp(int a) => string.Create(CultureInfo.InvariantCulture, $"scale-{a:D4}");

    /// <summary>
    /// Scenario 7, on Redis: <see cref="BenchOptions.ScaleApps"/> applications with
    /// <see cref="BenchOptions.ScaleEndpoints"/> endpoints in all, created through the API (8 at a time),
    /// and <see cref="BenchOptions.ScaleDeadLetters"/> outbound dead letters seeded through
    /// <see cref="IDeadLetterInternalGrain.ArchiveAsync"/> (not by real failures). Reports endpoint
    /// create and list-page latencies, one publish to the application with
    /// <see cref="BenchOptions.ScaleFanOut"/> endpoints until nginx has them all, the page latencies
    /// of the dead-letter listings, replays, memory per endpoint and per entry, and the largest value
    /// Redis stores.
    /// </summary>
    private async Task ScaleAsync(Platform platform)
    {
        int apps = options.ScaleApps, endpoints = options.ScaleEndpoints, fanOut = options.ScaleFanOut, deadLetters = options.ScaleDeadLetters;
        var label = $"Redis, {apps:N0} apps, {endpoints:N0} endpoints, {deadLetters:N0} dead letters";
        const string scenario = "7 scale";
        var api = platform.Api;
        var redis = platform.Redis!;
        var silo = platform.Silos[0].Process;
        var random = new Random(15);
        await using var probe = await OrleansProbe.ConnectAsync(platform);
        await api.RegisterEventTypeAsync(ScaleType);

        // Applications.
        RecordLoad("scale: seeding applications");
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, apps, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (a, ct) =>
        {
            using var response = await api.Http.PostAsJsonAsync("/api/apps", new { id = ScaleApp(a), name = $"Scale school {a}" }, ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"creating application {ScaleApp(a)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
        });
        Console.WriteLine($"==> scale [{label}]: {apps:N0} applications created in {clock.Elapsed.TotalSeconds:0.0} s");
        report.Get(scenario, label, "seeding: applications created", "/s").Runs.Add(apps / clock.Elapsed.TotalSeconds);

        // Endpoints: the first application has the fan-out's, the rest are spread over the others.
        var endpointApp = new int[endpoints];
        for (var j = 0; j < endpoints; j++)
        {
            endpointApp[j] = j < fanOut ? 0 : 1 + ((j - fanOut) % (apps - 1));
        }

        await Task.Delay(1500);
        var rss0 = silo.RssBytes();
        var used0 = await redis.UsedMemoryAsync();
        var keys0 = await redis.DbSizeAsync();
        RecordLoad("scale: seeding endpoints");
        var endpointIds = new string[endpoints];
        var create = new Timings();
        long created = 0;
        clock.Restart();
        using (Ticker(() => $"endpoints: {Interlocked.Read(ref created):N0} of {endpoints:N0} created ({Interlocked.Read(ref created) / clock.Elapsed.TotalSeconds:N0}/s), {create.Describe()}"))
        {
            await Parallel.ForAsync(0, endpoints, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (j, ct) =>
            {
                var app = ScaleApp(endpointApp[j]);
                var timer = Stopwatch.StartNew();
                using var response = await api.Http.PostAsJsonAsync($"/api/apps/{app}/webhooks",
                    new { url = $"http://127.0.0.1:{_nginx.OkPort}/s/{app}/{j}", events = new[] { ScaleType } }, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                create.Record(timer.Elapsed);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"creating endpoint {j} of {app}: {(int)response.StatusCode} {text}");
                }

                using var doc = JsonDocument.Parse(text);
                endpointIds[j] = doc.RootElement.GetProperty("data").GetProperty("id").GetString()!;
                Interlocked.Increment(ref created);
            });
        }

        var createSeconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(2000);
        var rss1 = silo.RssBytes();
        var used1 = await redis.UsedMemoryAsync();
        var keys1 = await redis.DbSizeAsync();
        Console.WriteLine($"    {endpoints:N0} endpoints in {createSeconds:0.0} s ({endpoints / createSeconds:N0}/s); create {create.Describe()}; "
            + $"silo RSS +{Fmt.Bytes(rss1 - rss0)}, Redis +{Fmt.Bytes(used1 - used0)}, +{keys1 - keys0:N0} keys");
        report.Get(scenario, label, "seeding: endpoints created (8 concurrent)", "/s").Runs.Add(endpoints / createSeconds);
        report.Get(scenario, label, "endpoint create p50", "ms").Runs.Add(create.Ms(50));
        report.Get(scenario, label, "endpoint create p99", "ms", new Target("<", 50)).Runs.Add(create.Ms(99));
        report.Get(scenario, label, "silo RSS per endpoint (growth)", "B").Runs.Add((rss1 - rss0) / (double)endpoints);
        report.Get(scenario, label, "Redis used_memory per endpoint", "B").Runs.Add((used1 - used0) / (double)endpoints);
        report.Get(scenario, label, "Redis keys per endpoint", "").Runs.Add((keys1 - keys0) / (double)endpoints);

        await ListEndpointPagesAsync(platform, scenario, label, endpointApp, random);
        await ScaleFanOutAsync(platform, scenario, label);

        // Dead letters, seeded through the archive interface: failure times over the last 10 days in
        // arrival order, 1 % arriving up to an hour late, 10 event types (as the in-test version did).
        var end = DateTimeOffset.UtcNow;
        var start = end.AddDays(-10);
        var step = (end - start) / Math.Max(1, deadLetters);
        var rss2 = silo.RssBytes();
        var used2 = await redis.UsedMemoryAsync();
        var keys2 = await redis.DbSizeAsync();
        RecordLoad("scale: seeding dead letters");
        long seeded = 0;
        var archive = new Timings();
        clock.Restart();
        var late = new bool[deadLetters];
        var lateBy = new int[deadLetters];
        for (var i = 0; i < deadLetters; i++)
        {
            late[i] = random.Next(100) == 0;
            lateBy[i] = random.Next(60);
        }

        DeadLetterEntry EntryOf(int i)
        {
            var j = i % endpoints;
            var failedAt = start + (step * i) - (late[i] ? TimeSpan.FromMinutes(lateBy[i]) : TimeSpan.Zero);
            var id = string.Create(CultureInfo.InvariantCulture, $"evt_scale{i:D7}:{endpointIds[j]}");
            return new DeadLetterEntry
            {
                Id = id,
                EventId = id.Split(':')[0],
                EndpointId = endpointIds[j],
                ApplicationId = ScaleApp(endpointApp[j]),
                EventType = string.Create(CultureInfo.InvariantCulture, $"scale.type{i % ScaleEventTypes}"),
                Url = $"http://127.0.0.1:{_nginx.OkPort}/s/{ScaleApp(endpointApp[j])}/{j}",
                Payload = """{"n":1}""",
                Status = 500,
                Attempts = 7,
                FailedAt = failedAt,
                CreatedAt = failedAt,
                UpdatedAt = failedAt,
            };
        }

        using (Ticker(() => $"dead letters: {Interlocked.Read(ref seeded):N0} of {deadLetters:N0} archived ({Interlocked.Read(ref seeded) / clock.Elapsed.TotalSeconds:N0}/s), {archive.Describe()}"))
        {
            await Parallel.ForAsync(0, deadLetters, new ParallelOptions { MaxDegreeOfParallelism = 128 }, async (i, _) =>
            {
                var entry = EntryOf(i);
                var timer = Stopwatch.StartNew();
                await probe.Client.GetGrain<IDeadLetterInternalGrain>(entry.Id).ArchiveAsync(entry);
                archive.Record(timer.Elapsed);
                Interlocked.Increment(ref seeded);
            });
        }

        var seedSeconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(3000); // the index pages are group-committed a moment after the archive answers
        var rss3 = silo.RssBytes();
        var used3 = await redis.UsedMemoryAsync();
        var keys3 = await redis.DbSizeAsync();
        Console.WriteLine($"    {deadLetters:N0} dead letters archived in {seedSeconds:0.0} s ({deadLetters / seedSeconds:N0}/s, 128 concurrent through the grain client); archive {archive.Describe()}; "
            + $"silo RSS +{Fmt.Bytes(rss3 - rss2)}, Redis +{Fmt.Bytes(used3 - used2)}, +{keys3 - keys2:N0} keys");
        report.Get(scenario, label, "seeding: dead letters archived (128 concurrent)", "/s").Runs.Add(deadLetters / seedSeconds);
        report.Get(scenario, label, "silo RSS per dead letter (growth)", "B").Runs.Add((rss3 - rss2) / (double)Math.Max(1, deadLetters));
        report.Get(scenario, label, "Redis used_memory per dead letter", "B").Runs.Add((used3 - used2) / (double)Math.Max(1, deadLetters));
        report.Get(scenario, label, "Redis keys per dead letter", "").Runs.Add((keys3 - keys2) / (double)Math.Max(1, deadLetters));

        await ListDeadLettersAsync(api, scenario, label, apps, endpointIds, start, random);
        await ReplayDeadLettersAsync(api, scenario, label, endpointIds, EntryOf, random);
        await LargestValueAsync(redis, scenario, label);
    }

    /// <summary>
    /// <c>GET /api/apps/{appId}/webhooks?limit=100&amp;cursor=…</c> over random applications, each
    /// sample walking down a random number of pages by cursor (the fan-out application has the deep
    /// ones); every page is timed. Also checks that walking the fan-out application sees each endpoint once.
    /// </summary>
    private async Task ListEndpointPagesAsync(Platform platform, string scenario, string label, int[] endpointApp, Random random)
    {
        var api = platform.Api;
        var pages = new Timings();
        RecordLoad("scale: endpoint list pages");
        async Task<(int Items, string? Next)> PageAsync(string app, string? cursor)
        {
            var url = $"/api/apps/{app}/webhooks?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var timer = Stopwatch.StartNew();
            using var response = await api.Http.GetAsync(new Uri(url, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            pages.Record(timer.Elapsed);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"listing {url}: {(int)response.StatusCode} {text}");
            }

            using var doc = JsonDocument.Parse(text);
            var next = doc.RootElement.GetProperty("nextCursor");
            return (doc.RootElement.GetProperty("data").GetArrayLength(), next.ValueKind == JsonValueKind.String ? next.GetString() : null);
        }

        // The fan-out application, whole: every endpoint exactly once.
        var expected = endpointApp.Count(a => a == 0);
        var seen = 0;
        string? cursor = null;
        do
        {
            var page = await PageAsync(ScaleApp(0), cursor);
            seen += page.Items;
            cursor = page.Next;
        }
        while (cursor is not null);
        if (seen != expected)
        {
            report.Note($"scale: walking {ScaleApp(0)}'s endpoint list gave {seen:N0} endpoints, {expected:N0} were created");
        }

        for (var s = 0; s < options.ScaleSamples; s++)
        {
            // A third of the samples go deep in the fan-out application, the rest to any application.
            var app = s % 3 == 0 ? 0 : random.Next(options.ScaleApps);
            cursor = null;
            for (var depth = random.Next(1, 11); depth > 0; depth--)
            {
                cursor = (await PageAsync(ScaleApp(app), cursor)).Next;
                if (cursor is null)
                {
                    break;
                }
            }
        }

        Console.WriteLine($"    endpoint list pages (limit 100): {pages.Describe()}; the fan-out application listed {seen:N0} of {expected:N0}");
        report.Get(scenario, label, "endpoint list page p50", "ms").Runs.Add(pages.Ms(50));
        report.Get(scenario, label, "endpoint list page p99", "ms").Runs.Add(pages.Ms(99));
    }

    /// <summary>One event to the application with the fan-out's endpoints until nginx has them all (as scenario 3 measures it).</summary>
    private async Task ScaleFanOutAsync(Platform platform, string scenario, string label)
    {
        var n = options.ScaleFanOut;
        var all = report.Get(scenario, label, $"publish to {n:N0} endpoints of one application: until all received", "ms", new Target("<", 2000));
        for (var run = 1; run <= options.Runs; run++)
        {
            RecordLoad($"scale fan-out run {run}");
            await _nginx.MarkAsync();
            var baseline = await _nginx.RequestsAsync();
            var id = $"sc{run}-{Guid.NewGuid():N}";
            var startMs = UnixMsNow();
            using var content = new ByteArrayContent(ApiClient.PublishBody(id, ScaleType));
            content.Headers.ContentType = new("application/json");
            using var response = await platform.Api.Http.PostAsync(new Uri($"/api/apps/{ScaleApp(0)}/events", UriKind.Relative), content);
            var complete = await WaitForReceiptsAsync(baseline, n, TimeSpan.FromSeconds(60), "scale fan-out");
            var receipts = (await _nginx.ReadReceiptsAsync()).Where(r => r.MessageId.StartsWith(id, StringComparison.Ordinal) && r.Status == 200).ToList();
            var distinct = receipts.Select(r => r.MessageId).Distinct().Count();
            var lastMs = receipts.Count > 0 ? receipts.Max(r => r.UnixMs) - startMs : double.NaN;
            all.Runs.Add(distinct == n ? lastMs : double.NaN);
            Console.WriteLine($"    fan-out run {run}: publish {(int)response.StatusCode}; {distinct:N0} of {n:N0} received, all after {lastMs:0} ms");
            if (!complete || distinct != n)
            {
                report.Note($"scale fan-out run {run}: {distinct} of {n} received");
            }
        }
    }

    /// <summary>
    /// Page latencies of the dead-letter listings through the admin route (limit 50): newest first, by
    /// application, by endpoint, by a 1-hour failedAt range, and the event-type filter within an
    /// application and within an endpoint. Every other sample of the first three continues a few
    /// pages down by cursor first; the timed page is the last one.
    /// </summary>
    private async Task ListDeadLettersAsync(ApiClient api, string scenario, string label, int apps, string[] endpointIds, DateTimeOffset start, Random random)
    {
        static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var listings = new (string Name, Func<Random, string> Query, bool Deep, bool Targeted)[]
        {
            ("newest first", _ => "", true, true),
            ("by application", r => $"&applicationId={ScaleApp(r.Next(apps))}", true, true),
            ("by endpoint", r => $"&webhookConfigId={endpointIds[r.Next(endpointIds.Length)]}", true, true),
            ("by failedAt range (1 h)", r => { var from = start.AddHours(r.Next(239)); return $"&from={Iso(from)}&to={Iso(from.AddHours(1))}"; }, false, true),
            ("event type within an application", r => $"&applicationId={ScaleApp(r.Next(apps))}&eventType=scale.type{r.Next(ScaleEventTypes)}", false, false),
            ("event type within an endpoint", r => $"&webhookConfigId={endpointIds[r.Next(endpointIds.Length)]}&eventType=scale.type{r.Next(ScaleEventTypes)}", false, false),
        };
        async Task<(int Items, string? Next, TimeSpan Took)> PageAsync(string query, string? cursor)
        {
            var url = $"/api/admin/webhooks/dead-letter-queue?limit={DeadLetterLimit}{query}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var timer = Stopwatch.StartNew();
            using var response = await api.Http.GetAsync(new Uri(url, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            var took = timer.Elapsed;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"listing {url}: {(int)response.StatusCode} {text}");
            }

            using var doc = JsonDocument.Parse(text);
            var data = doc.RootElement.GetProperty("data");
            var next = data.GetProperty("nextCursor");
            return (data.GetProperty("items").GetArrayLength(), next.ValueKind == JsonValueKind.String ? next.GetString() : null, took);
        }

        foreach (var (name, query, deep, targeted) in listings)
        {
            RecordLoad($"scale: dead letters {name}");
            var pages = new Timings();
            long items = 0;
            for (var s = 0; s < options.ScaleSamples; s++)
            {
                var q = query(random);
                string? cursor = null;
                if (deep && s % 2 == 1)
                {
                    for (var depth = random.Next(1, 10); depth > 0; depth--)
                    {
                        var down = await PageAsync(q, cursor);
                        if (down.Next is null)
                        {
                            break;
                        }

                        cursor = down.Next;
                    }
                }

                var page = await PageAsync(q, cursor);
                pages.Record(page.Took);
                items += page.Items;
            }

            Console.WriteLine($"    dead letters, {name}: {pages.Describe()}, {items / (double)options.ScaleSamples:0.0} items a page");
            report.Get(scenario, label, $"dead-letter page p50, {name}", "ms").Runs.Add(pages.Ms(50));
            report.Get(scenario, label, $"dead-letter page p99, {name}", "ms", targeted ? new Target("<", 100) : null).Runs.Add(pages.Ms(99));
        }
    }

    /// <summary>
    /// Single replays of random entries, and a batch replay of 1,000 entries of the fan-out application:
    /// one call, the route's largest batch.
    /// </summary>
    private async Task ReplayDeadLettersAsync(ApiClient api, string scenario, string label, string[] endpointIds, Func<int, DeadLetterEntry> entryOf, Random random)
    {
        if (options.ScaleDeadLetters == 0)
        {
            return;
        }

        RecordLoad("scale: replays");
        var single = new Timings();
        var samples = Math.Min(options.ScaleDeadLetters, Math.Max(10, options.ScaleSamples / 3));
        for (var s = 0; s < samples; s++)
        {
            // Entries outside the fan-out application, so the batch below finds its 1,000 unreplayed.
            var entry = entryOf(random.Next(options.ScaleDeadLetters));
            if (entry.ApplicationId == ScaleApp(0))
            {
                s--;
                continue;
            }

            var timer = Stopwatch.StartNew();
            using var response = await api.Http.PostAsync(new Uri($"/api/admin/webhooks/dead-letter-queue/{Uri.EscapeDataString(entry.Id)}/replay", UriKind.Relative), null);
            var text = await response.Content.ReadAsStringAsync();
            single.Record(timer.Elapsed);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"replaying {entry.Id}: {(int)response.StatusCode} {text}");
            }
        }

        Console.WriteLine($"    single replay: {single.Describe()}");
        report.Get(scenario, label, "single replay p50", "ms").Runs.Add(single.Ms(50));
        report.Get(scenario, label, "single replay p99", "ms").Runs.Add(single.Ms(99));

        var app = ScaleApp(0);
        var calls = new Timings();
        int replayed = 0, total = 0;
        var clock = Stopwatch.StartNew();
        for (var c = 0; c < BatchReplay / ReplayLimit; c++)
        {
            var timer = Stopwatch.StartNew();
            using var response = await api.Http.PostAsync(new Uri($"/api/admin/webhooks/dead-letter-queue/replay?limit={ReplayLimit}&applicationId={app}", UriKind.Relative), null);
            var text = await response.Content.ReadAsStringAsync();
            calls.Record(timer.Elapsed);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"batch replay: {(int)response.StatusCode} {text}");
            }

            using var doc = JsonDocument.Parse(text);
            var data = doc.RootElement.GetProperty("data");
            total += data.GetProperty("total").GetInt32();
            replayed += data.GetProperty("replayed").GetInt32();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"    batch replay of {BatchReplay:N0} in {BatchReplay / ReplayLimit} calls of limit={ReplayLimit}: {seconds:0.00} s; {replayed:N0} of {total:N0} replayed; each call {calls.Describe()}");
        report.Get(scenario, label, $"batch replay of {BatchReplay:N0} ({BatchReplay / ReplayLimit} × limit {ReplayLimit})", "ms").Runs.Add(seconds * 1000);
        report.Get(scenario, label, $"batch replay call p99 (limit {ReplayLimit})", "ms").Runs.Add(calls.Ms(99));
        if (replayed < Math.Min(BatchReplay, total) || total < BatchReplay)
        {
            report.Note($"scale: batch replay found {total:N0} entries of {app} and replayed {replayed:N0} (asked for {BatchReplay:N0})");
        }
    }

    /// <summary>
    /// The largest value Redis stores (<c>MEMORY USAGE</c> of every key, pipelined over a SCAN) against
    /// the target "no grain state larger than 1 MB"; the five largest keys are printed.
    /// </summary>
    private async Task LargestValueAsync(RedisServer redis, string scenario, string label)
    {
        RecordLoad("scale: largest stored value");
        var config = ConfigurationOptions.Parse(redis.ConnectionString);
        config.AllowAdmin = true;
        await using var mux = await ConnectionMultiplexer.ConnectAsync(config);
        var db = mux.GetDatabase();
        var server = mux.GetServer(mux.GetEndPoints()[0]);
        var clock = Stopwatch.StartNew();
        var sizes = new List<(string Key, long Bytes)>();
        var batch = new List<RedisKey>(1000);
        async Task FlushAsync()
        {
            var answers = await Task.WhenAll(batch.Select(k => db.ExecuteAsync("MEMORY", "USAGE", k, "SAMPLES", "0")));
            sizes.AddRange(batch.Zip(answers, (k, a) => ((string)k!, a.IsNull ? 0L : (long)a)));
            batch.Clear();
        }

        await foreach (var key in server.KeysAsync(pageSize: 1000))
        {
            batch.Add(key);
            if (batch.Count == 1000)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();
        // Grain state is under {service}/state/; the reminder table is one sorted set of every reminder,
        // not a grain's state, so it is reported beside the target, not against it.
        var states = sizes.Where(s => s.Key.StartsWith(Platform.ServiceId + "/state/", StringComparison.Ordinal)).OrderByDescending(s => s.Bytes).Take(5).ToArray();
        var largest = states.Length > 0 ? states[0] : (Key: "(none)", Bytes: 0L);
        var strlen = states.Length > 0 && await db.KeyTypeAsync(largest.Key) == RedisType.String ? await db.StringLengthAsync(largest.Key) : -1;
        var others = sizes.Where(s => !s.Key.StartsWith(Platform.ServiceId + "/state/", StringComparison.Ordinal)).OrderByDescending(s => s.Bytes).Take(3).ToArray();
        Console.WriteLine($"    {sizes.Count:N0} keys sized in {clock.Elapsed.TotalSeconds:0.0} s; the largest grain states: "
            + string.Join(", ", states.Select(t => $"{t.Key} {Fmt.Bytes(t.Bytes)}")) + (strlen >= 0 ? $" (STRLEN of the largest {strlen:N0})" : "")
            + "; the largest other keys: " + string.Join(", ", others.Select(t => $"{t.Key} {Fmt.Bytes(t.Bytes)}")));
        report.Get(scenario, label, "largest grain state in Redis (MEMORY USAGE)", "B", new Target("<", OneMegabyte)).Runs.Add(largest.Bytes);
        report.Get(scenario, label, "reminder table in Redis (one sorted set, MEMORY USAGE)", "B").Runs.Add(sizes.Where(s => s.Key == Platform.ServiceId + "/reminders").Sum(s => s.Bytes));
        report.Note($"scale: the largest grain state in Redis is {largest.Key}, {largest.Bytes:N0} B"
            + (others.Length > 0 ? $"; the largest other key {others[0].Key}, {others[0].Bytes:N0} B" : ""));
    }

    /// <summary>
    /// Scenario 7's soak, on a cluster of its own (the seeded dead letters are 10 days old: a 1-minute
    /// retention would purge them under the listings): retention 1 minute, a steady publish rate to one
    /// endpoint for <see cref="BenchOptions.ScaleSoak"/>, Redis <c>used_memory</c> and <c>DBSIZE</c>
    /// sampled every 10 s; the growth rate of the first half against the second. Once the window is full
    /// the second half should be flat. A build without retention ignores the setting: then the figures
    /// show the growth without it and are reported as such.
    /// </summary>
    private async Task SoakAsync()
    {
        var available = RetentionInBuild(repoRoot);
        var config = new PlatformConfig
        {
            Storage = Storage.Redis,
            SiloSettings = new Dictionary<string, string>
            {
                ["Retention__Period"] = "00:01:00",
                ["Retention__SweepPeriod"] = "00:01:00",
            },
        };
        var started = false;
        try
        {
            await WithPlatformAsync(config, async p =>
            {
                started = true;
                await SoakRunAsync(p, available);
            });
        }
        catch (Exception ex) when (!started)
        {
            report.Note($"scale soak: retention not available in this build: the silo did not start with Retention__Period=00:01:00 ({ex.Message.Split('\n')[0]})");
        }
    }

    private async Task SoakRunAsync(Platform platform, bool retention)
    {
        const string scenario = "7 scale";
        var label = $"Redis, soak {options.ScaleSoak.TotalMinutes:0.#} min at {options.ScaleSoakRate}/s, retention 1 min" + (retention ? "" : " (not in this build)");
        var api = platform.Api;
        var redis = platform.Redis!;
        var silo = platform.Silos[0].Process;
        await api.RegisterEventTypeAsync(SoakType);
        await api.CreateEndpointAsync($"http://127.0.0.1:{_nginx.OkPort}/soak", SoakType);
        if (!retention)
        {
            report.Note("scale soak: retention not available in this build (the silo has no Retention options, so Retention__Period is ignored): the soak shows the growth without it");
        }

        RecordLoad("scale soak");
        Console.WriteLine($"==> scale soak [{label}]");
        var samples = new List<(double Seconds, long Used, long Keys, long Rss)>();
        var clock = Stopwatch.StartNew();
        long sent = 0, accepted = 0;
        using var cts = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (true)
            {
                var used = await redis.UsedMemoryAsync();
                var keys = await redis.DbSizeAsync();
                samples.Add((clock.Elapsed.TotalSeconds, used, keys, silo.RssBytes()));
                Progress($"soak t={clock.Elapsed.TotalSeconds:0}s: {Interlocked.Read(ref accepted):N0} of {Interlocked.Read(ref sent):N0} published; Redis {Fmt.Bytes(used)} in {keys:N0} keys");
                try
                {
                    await Task.Delay(options.ScaleSoakSample, cts.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        // Open loop at a steady rate; at most 5 s of unanswered publishes, beyond that the run says so.
        var inFlight = new List<Task>();
        var skipped = 0L;
        while (clock.Elapsed < options.ScaleSoak)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * options.ScaleSoakRate);
            for (; sent < due; sent++)
            {
                if (inFlight.Count > options.ScaleSoakRate * 5)
                {
                    skipped++;
                    continue;
                }

                var id = Id("soak-", sent);
                inFlight.Add(Task.Run(async () =>
                {
                    if (await api.PublishAsync(id, SoakType) == 202)
                    {
                        Interlocked.Increment(ref accepted);
                    }
                }));
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(20);
        }

        await Task.WhenAll(inFlight);
        await cts.CancelAsync();
        await sampler;
        var half = options.ScaleSoak.TotalSeconds / 2;
        var first = Slope(samples.Where(s => s.Seconds <= half).ToList());
        var second = Slope(samples.Where(s => s.Seconds >= half).ToList());
        Console.WriteLine($"    soak: {accepted:N0} published ({skipped:N0} not sent: over 5 s unanswered); Redis used_memory growth {Fmt.Bytes(first.Used)}/s in the first half, "
            + $"{Fmt.Bytes(second.Used)}/s in the second; keys {first.Keys:0.0}/s then {second.Keys:0.0}/s");
        report.StorageSeries.Add(new Series($"{label}: Redis used_memory", "B", [.. samples.Select(s => s.Seconds)], [.. samples.Select(s => (double)s.Used)]));
        report.StorageSeries.Add(new Series($"{label}: DBSIZE", "keys", [.. samples.Select(s => s.Seconds)], [.. samples.Select(s => (double)s.Keys)]));
        report.StorageSeries.Add(new Series($"{label}: silo RSS", "B", [.. samples.Select(s => s.Seconds)], [.. samples.Select(s => (double)s.Rss)]));
        report.Get(scenario, label, "soak: events published", "/s").Runs.Add(accepted / options.ScaleSoak.TotalSeconds);
        report.Get(scenario, label, "soak: Redis used_memory growth, first half", "B/s").Runs.Add(first.Used);
        report.Get(scenario, label, "soak: Redis used_memory growth, second half", "B/s").Runs.Add(second.Used);
        report.Get(scenario, label, "soak: Redis keys growth, first half", "keys/s").Runs.Add(first.Keys);
        report.Get(scenario, label, "soak: Redis keys growth, second half", "keys/s").Runs.Add(second.Keys);
        if (retention)
        {
            // Flat: the second half grows by less than a tenth of the first (the window fills in the first).
            report.Get(scenario, label, "soak: second-half growth / first-half growth", "%", new Target("<", 10))
                .Runs.Add(first.Used <= 0 ? double.NaN : 100 * second.Used / first.Used);
        }
    }

    /// <summary>Least-squares growth per second of used_memory and keys over the samples.</summary>
    private static (double Used, double Keys) Slope(List<(double Seconds, long Used, long Keys, long Rss)> samples)
    {
        if (samples.Count < 2)
        {
            return (double.NaN, double.NaN);
        }

        var mt = samples.Average(s => s.Seconds);
        var denominator = samples.Sum(s => (s.Seconds - mt) * (s.Seconds - mt));
        double Of(Func<(double Seconds, long Used, long Keys, long Rss), double> y)
        {
            var my = samples.Average(y);
            return samples.Sum(s => (s.Seconds - mt) * (y(s) - my)) / denominator;
        }

        return (Of(s => s.Used), Of(s => s.Keys));
    }

    /// <summary>Whether the silo build has retention (the <c>RetentionOptions</c> type): read from its metadata, not loaded.</summary>
    private static bool RetentionInBuild(string platformRoot)
    {
        var grains = Path.Combine(Path.GetDirectoryName(BuildOutput.Assembly("Silo", platformRoot))!, "Akademia.Webhooks.Grains.dll");
        if (!File.Exists(grains))
        {
            return false;
        }

        using var stream = File.OpenRead(grains);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.TypeDefinitions.Select(metadata.GetTypeDefinition).Any(t => metadata.GetString(t.Name) == "RetentionOptions");
    }

    /// <summary>Prints <paramref name="line"/> every 5 s until disposed.</summary>
    private static StopOnDispose Ticker(Func<string> line)
    {
        var cts = new CancellationTokenSource();
        var token = cts.Token;
        _ = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(5000, token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                Progress(line());
            }
        });
        return new StopOnDispose(cts);
    }

    private sealed class StopOnDispose(CancellationTokenSource cts) : IDisposable
    {
        public void Dispose()
        {
            cts.Cancel();
            cts.Dispose();
        }
    }
}
