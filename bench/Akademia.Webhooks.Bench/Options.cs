using System.Globalization;

namespace Akademia.Webhooks.Bench;

/// <summary>Command-line options; <c>--help</c> lists them.</summary>
public sealed record BenchOptions
{
    public static readonly string[] AllScenarios = ["throughput", "ceiling", "latency", "fanout", "backlog", "recovery", "scale"];

    /// <summary>What runs without <c>--scenarios</c>: "scale" seeds for longer than the rest together, so it runs only when named.</summary>
    public static readonly string[] DefaultScenarios = ["throughput", "ceiling", "latency", "fanout", "backlog", "recovery"];

    public bool Quick { get; init; }

    public string[] Scenarios { get; init; } = DefaultScenarios;

    public int Runs { get; init; } = 3;

    public Infra.Storage[] StorageModes { get; init; } = [Infra.Storage.Memory, Infra.Storage.Redis];

    /// <summary>Bulkheads the throughput scenario runs with: the product's default and a raised one.</summary>
    public int[] Bulkheads { get; init; } = [5, 50];

    public int Endpoints { get; init; } = 10;

    public int Publishers { get; init; } = 32;

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public int LatencyRate { get; init; } = 1000;

    public TimeSpan LatencyDuration { get; init; } = TimeSpan.FromSeconds(60);

    public int FanOut { get; init; } = 1000;

    public int Backlog { get; init; } = 100_000;

    public int BacklogEndpoints { get; init; } = 100;

    public int BacklogRuns { get; init; } = 1;

    public int Recovery { get; init; } = 1000;

    /// <summary>Applications the scale scenario creates (one of them the fan-out application).</summary>
    public int ScaleApps { get; init; } = 1000;

    /// <summary>Endpoints the scale scenario creates over its applications, in all.</summary>
    public int ScaleEndpoints { get; init; } = 100_000;

    /// <summary>Endpoints of the scale scenario's fan-out application (part of <see cref="ScaleEndpoints"/>).</summary>
    public int ScaleFanOut { get; init; } = 1000;

    /// <summary>Outbound dead-letter entries the scale scenario seeds through the archive interface.</summary>
    public int ScaleDeadLetters { get; init; } = 1_000_000;

    /// <summary>Pages sampled per listing in the scale scenario.</summary>
    public int ScaleSamples { get; init; } = 300;

    /// <summary>How long the scale scenario's soak publishes (retention 1 minute).</summary>
    public TimeSpan ScaleSoak { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Events/s published during the soak.</summary>
    public int ScaleSoakRate { get; init; } = 50;

    /// <summary>How often the soak samples Redis.</summary>
    public TimeSpan ScaleSoakSample { get; init; } = TimeSpan.FromSeconds(10);

    public string? OutDir { get; init; }

    public bool KeepLogs { get; init; }

    /// <summary>Where the silo and gateway builds are (<c>src/*/bin/Release</c>); the repository by default.</summary>
    public string? PlatformRoot { get; init; }

    /// <summary>Extra silo configuration for every cluster (<c>--silo Key=Value</c>, repeatable).</summary>
    public Dictionary<string, string> SiloSettings { get; init; } = new(StringComparer.Ordinal);

    public static string Usage => """
        bench/run.sh [options]        end-to-end benchmark of the platform (see bench/README.md)

          --quick                 tiny load, 1 run each (under 2 minutes; proves the benchmark works)
          --scenarios a,b,...     throughput, ceiling, latency, fanout, backlog, recovery, scale
                                  (default: all but scale, which runs only when named: it seeds for long)
          --runs N                runs per scenario (default 3; --quick 1)
          --storage Memory,Redis  storage modes for the throughput scenario (default both)
          --bulkhead 5,50         per-endpoint bulkheads for the throughput scenario (default 5 and 50)
          --duration S            seconds of publishing per throughput run (default 10)
          --warmup S              seconds of publishing before the throughput runs (default 20)
          --publishers N          concurrent publishers in the throughput scenario (default 32)
          --latency-rate N        events/s in the latency scenario (default 1000)
          --latency-seconds S     seconds per latency run (default 60)
          --fanout N              endpoints in the fan-out scenario (default 1000)
          --backlog N             pending deliveries in the backlog scenario (default 100000)
          --backlog-runs N        backlog runs, each on a fresh cluster (default 1)
          --recovery N            pending deliveries when a silo is killed (default 1000)
          --scale-apps N          applications in the scale scenario (default 1000; one has the fan-out's endpoints)
          --scale-endpoints N     endpoints over those applications, in all (default 100000)
          --scale-fanout N        endpoints of the application published to (default 1000, part of --scale-endpoints)
          --scale-dead-letters N  dead-letter entries seeded through the archive interface (default 1000000)
          --scale-samples N       pages sampled per listing (default 300)
          --scale-soak DURATION   publishing with retention 1 minute: 90s, 10m, 00:10:00 (default 10m; 0 skips it)
          --scale-soak-rate N     events/s during the soak (default 50)
          --out DIR               where results go (default bench/results)
          --keep-logs             keep the processes' logs (printed path)
          --platform-root DIR     run the silo and gateway built in another checkout (for before/after comparisons)
          --silo Key=Value        extra silo configuration for every cluster, e.g. --silo Delivery__AttemptTimeout=00:00:10
        """;

    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var o = quick
            ? new BenchOptions
            {
                Quick = true,
                Runs = 1,
                Bulkheads = [5],
                Publishers = 16,
                WarmUp = TimeSpan.FromSeconds(2),
                Duration = TimeSpan.FromSeconds(3),
                LatencyRate = 200,
                LatencyDuration = TimeSpan.FromSeconds(5),
                FanOut = 100,
                Backlog = 2000,
                BacklogEndpoints = 20,
                Recovery = 100,
                ScaleApps = 10,
                ScaleEndpoints = 300,
                ScaleFanOut = 100,
                ScaleDeadLetters = 5000,
                ScaleSamples = 30,
                ScaleSoak = TimeSpan.FromSeconds(20),
                ScaleSoakRate = 10,
                ScaleSoakSample = TimeSpan.FromSeconds(5),
            }
            : new BenchOptions();

        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--quick" => o,
                "--scenarios" => o with { Scenarios = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--runs" => o with { Runs = NextInt() },
                "--storage" => o with { StorageModes = [.. Next().Split(',').Select(s => Enum.Parse<Infra.Storage>(s, ignoreCase: true))] },
                "--bulkhead" => o with { Bulkheads = [.. Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                "--duration" => o with { Duration = TimeSpan.FromSeconds(NextInt()) },
                "--warmup" => o with { WarmUp = TimeSpan.FromSeconds(NextInt()) },
                "--publishers" => o with { Publishers = NextInt() },
                "--latency-rate" => o with { LatencyRate = NextInt() },
                "--latency-seconds" => o with { LatencyDuration = TimeSpan.FromSeconds(NextInt()) },
                "--fanout" => o with { FanOut = NextInt() },
                "--backlog" => o with { Backlog = NextInt() },
                "--backlog-runs" => o with { BacklogRuns = NextInt() },
                "--recovery" => o with { Recovery = NextInt() },
                "--scale-apps" => o with { ScaleApps = NextInt() },
                "--scale-endpoints" => o with { ScaleEndpoints = NextInt() },
                "--scale-fanout" => o with { ScaleFanOut = NextInt() },
                "--scale-dead-letters" => o with { ScaleDeadLetters = NextInt() },
                "--scale-samples" => o with { ScaleSamples = NextInt() },
                "--scale-soak" => o with { ScaleSoak = ParseDuration(Next()) },
                "--scale-soak-rate" => o with { ScaleSoakRate = NextInt() },
                "--out" => o with { OutDir = Next() },
                "--keep-logs" => o with { KeepLogs = true },
                "--platform-root" => o with { PlatformRoot = Next() },
                "--silo" => o with { SiloSettings = new(o.SiloSettings, StringComparer.Ordinal) { [Next().Split('=', 2)[0]] = args[i].Split('=', 2)[1] } },
                _ => throw new ArgumentException($"unknown option {args[i]}\n\n{Usage}"),
            };
        }

        foreach (var s in o.Scenarios)
        {
            if (!AllScenarios.Contains(s))
            {
                throw new ArgumentException($"unknown scenario {s}; known: {string.Join(", ", AllScenarios)}");
            }
        }

        if (o.ScaleApps < 2 || o.ScaleFanOut < 1 || o.ScaleEndpoints < o.ScaleFanOut + o.ScaleApps - 1 || o.ScaleDeadLetters < 0)
        {
            throw new ArgumentException("--scale-apps must be at least 2 and --scale-endpoints at least --scale-fanout plus one per other application");
        }

        return o;
    }

    /// <summary>A duration as <c>90s</c>, <c>10m</c>, <c>1h</c>, plain seconds, or <c>hh:mm:ss</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        }

        var (number, unit) = char.IsLetter(text[^1]) ? (text[..^1], text[^1]) : (text, 's');
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => throw new FormatException($"a duration such as 90s, 10m or 00:10:00, not {text}"),
        };
    }

    public bool Has(string scenario) => Scenarios.Contains(scenario);
}
