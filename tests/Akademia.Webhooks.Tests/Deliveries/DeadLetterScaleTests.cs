using System.Diagnostics;
using System.Globalization;
using System.Text;
using Akademia.Webhooks.Grains;
using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>The storage the scale measurement runs on: <c>DLQ_SCALE_STORAGE</c> (Memory unless Redis).</summary>
public sealed class DeadLetterScaleFixture() : PlatformFixture(o =>
    o.Storage = Environment.GetEnvironmentVariable("DLQ_SCALE_STORAGE") is { } storage ? Enum.Parse<StorageMode>(storage, ignoreCase: true) : StorageMode.Memory);

/// <summary>
/// Seeds <c>DLQ_SCALE</c> outbound dead letters through <see cref="IDeadLetterInternalGrain.ArchiveAsync"/>
/// over 100 applications and 1,000 endpoints and reports the seed rate, page latencies of the four
/// listings and the largest index state. Run:
/// <c>DLQ_SCALE=100000 [DLQ_SCALE_STORAGE=Redis] dotnet test tests/Akademia.Webhooks.Tests -c Release --no-build --filter FullyQualifiedName~DeadLetterScale --logger "console;verbosity=detailed"</c>;
/// the figures also go to <c>DLQ_SCALE_OUT</c> when set.
/// </summary>
public sealed class DeadLetterScaleTests(DeadLetterScaleFixture platform, ITestOutputHelper output) : IClassFixture<DeadLetterScaleFixture>
{
    private const int Applications = 100;
    private const int Endpoints = 1_000;
    private const int EventTypes = 10;
    private const int Samples = 300;
    private const int Limit = 50;

    [ScaleFact]
    public async Task SeedAndListAtScale()
    {
        var count = int.Parse(Environment.GetEnvironmentVariable("DLQ_SCALE")!, CultureInfo.InvariantCulture);
        var report = new StringBuilder();
        void Say(string line)
        {
            output.WriteLine(line);
            report.AppendLine(line);
        }

        // Failure times over the last 10 days in arrival order, 1% arriving up to an hour late.
        var random = new Random(15);
        var end = DateTimeOffset.UtcNow;
        var start = end.AddDays(-10);
        var step = (end - start) / count;
        var seeded = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (i, _) =>
        {
            var endpoint = i % Endpoints;
            var failedAt = start + (step * i) - (random.Next(100) == 0 ? TimeSpan.FromMinutes(random.Next(60)) : TimeSpan.Zero);
            var id = string.Create(CultureInfo.InvariantCulture, $"evt_scale{i:D7}:ep_scale{endpoint:D4}");
            var entry = DeadLetterIndexTests.Entry(id, $"ep_scale{endpoint:D4}", $"app-scale-{endpoint % Applications:D3}", $"scale.type{i % EventTypes}", failedAt);
            await platform.Grains.GetGrain<IDeadLetterInternalGrain>(id).ArchiveAsync(entry);
            if (Interlocked.Increment(ref seeded) % 20_000 == 0)
            {
                output.WriteLine($"seeded {seeded} in {clock.Elapsed.TotalSeconds:F0} s");
            }
        });
        clock.Stop();
        Say($"storage {platform.Options.Storage}; seeded {count:N0} entries over {Applications} applications / {Endpoints} endpoints in {clock.Elapsed.TotalSeconds:F1} s: {count / clock.Elapsed.TotalSeconds:F0} archives/s (256 concurrent)");

        var queue = platform.Grains.GetGrain<IDeadLetterQueueGrain>(IDeadLetterQueueGrain.Key);
        var listings = new (string Name, Func<Random, DeadLetterQuery> Query, bool Deep)[]
        {
            ("newest first, all applications", _ => new DeadLetterQuery { Limit = Limit }, true),
            ("by application", r => new DeadLetterQuery { ApplicationId = $"app-scale-{r.Next(Applications):D3}", Limit = Limit }, true),
            ("by endpoint", r => new DeadLetterQuery { EndpointId = $"ep_scale{r.Next(Endpoints):D4}", Limit = Limit }, true),
            ("by failedAt range (1 h, all)", r => { var from = start.AddHours(r.Next(239)); return new DeadLetterQuery { From = from, To = from.AddHours(1), Limit = Limit }; }, false),
            ("event type within an application", r => new DeadLetterQuery { ApplicationId = $"app-scale-{r.Next(Applications):D3}", EventType = $"scale.type{r.Next(EventTypes)}", Limit = Limit }, false),
            ("event type within an endpoint", r => new DeadLetterQuery { EndpointId = $"ep_scale{r.Next(Endpoints):D4}", EventType = $"scale.type{r.Next(EventTypes)}", Limit = Limit }, false),
        };
        foreach (var (name, query, deep) in listings)
        {
            var times = new List<double>(Samples);
            var items = 0;
            for (var i = 0; i < Samples; i++)
            {
                var q = query(random);
                if (deep && i % 2 == 1)
                {
                    // Every other sample continues a few pages down, by cursor.
                    var page = await queue.ListAsync(q);
                    for (var depth = random.Next(1, 10); depth > 0 && page.NextCursor is not null; depth--)
                    {
                        q = q with { Cursor = page.NextCursor };
                        page = await queue.ListAsync(q);
                    }

                    q = q with { Cursor = page.NextCursor };
                }

                var timer = Stopwatch.StartNew();
                var answer = await queue.ListAsync(q);
                times.Add(timer.Elapsed.TotalMilliseconds);
                items += answer.Items.Length;
            }

            times.Sort();
            Say($"{name}: p50 {Percentile(times, 0.50):F1} ms, p99 {Percentile(times, 0.99):F1} ms, max {times[^1]:F1} ms ({Samples} pages of limit {Limit}, {items / (double)Samples:F1} items a page)");
        }

        // The largest index state, as Redis stores it (JSON with type names).
        var json = platform.SiloServices.GetRequiredService<IOptions<OrleansJsonSerializerOptions>>().Value.JsonSerializerSettings;
        var large = platform.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Large);
        var webhooks = platform.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Webhooks);
        long Size(object? state) => Encoding.UTF8.GetByteCount(Newtonsoft.Json.JsonConvert.SerializeObject(state, json));
        var largest = (Name: string.Empty, Bytes: 0L);
        foreach (var scope in new[] { DeadLetterScopes.All, DeadLetterScopes.OfApplication("app-scale-000"), DeadLetterScopes.OfEndpoint("ep_scale0000") })
        {
            var head = new GrainState<DeadLetterScopeState>();
            await large.ReadStateAsync("dead-letter-scope", GrainId.Create("dead-letter-scope", scope), head);
            var headBytes = Size(head.State);
            var pages = head.State!.Buckets.Sum(b => b.Pages.Length);
            var fullest = head.State.Buckets.SelectMany(b => b.Pages.Select(p => (b.Day, Page: p))).MaxBy(p => p.Page.Count);
            var page = new GrainState<DeadLetterPageState>();
            await webhooks.ReadStateAsync("dead-letter-page", GrainId.Create("dead-letter-page", DeadLetterScopes.PageKey(scope, fullest.Day, fullest.Page.Number)), page);
            var pageBytes = Size(page.State);
            Say($"scope {scope}: head {headBytes:N0} B ({head.State.Buckets.Length} buckets, {pages} pages, listed {head.State.Listed:N0}); fullest page {fullest.Page.Count} summaries, {pageBytes:N0} B");
            largest = new (string Name, long Bytes)[] { largest, ($"{scope} head", headBytes), ($"{scope} page", pageBytes) }.MaxBy(l => l.Bytes);
        }

        var entryState = new GrainState<DeadLetterState>();
        await webhooks.ReadStateAsync("dead-letter", GrainId.Create("dead-letter", "evt_scale0000000:ep_scale0000"), entryState);
        Say($"an entry: {Size(entryState.State):N0} B; largest index state: {largest.Name}, {largest.Bytes:N0} B");

        if (Environment.GetEnvironmentVariable("DLQ_SCALE_OUT") is { Length: > 0 } path)
        {
            await File.AppendAllTextAsync(path, report.ToString());
        }

        Assert.True(largest.Bytes < 1_000_000, $"an index state of {largest.Bytes} bytes");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
