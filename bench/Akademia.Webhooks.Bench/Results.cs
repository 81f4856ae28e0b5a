using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akademia.Webhooks.Bench;

/// <summary>A target from the issue, e.g. "≥ 5000".</summary>
public sealed record Target(string Comparison, double Value)
{
    public bool IsMet(double value) => Comparison switch
    {
        ">=" => value >= Value,
        "<" => value < Value,
        "<=" => value <= Value,
        "==" => Math.Abs(value - Value) < 1e-9,
        _ => false,
    };

    public override string ToString() => Comparison switch
    {
        ">=" => "≥ ",
        "<=" => "≤ ",
        "==" => "= ",
        _ => Comparison + " ",
    } + Fmt.Number(Value);
}

/// <summary>One figure, measured once per run; reported as the median with min–max.</summary>
public sealed class Measurement
{
    public required string Scenario { get; init; }

    public required string Config { get; init; }

    public required string Metric { get; init; }

    public required string Unit { get; init; }

    public List<double> Runs { get; } = [];

    [JsonIgnore]
    public Target? Target { get; init; }

    public string? TargetText => Target?.ToString();

    public double Median => Stats.Median(Runs);

    public double Min => Runs.Count == 0 ? double.NaN : Runs.Min();

    public double Max => Runs.Count == 0 ? double.NaN : Runs.Max();

    public bool? Met => Target is null || Runs.Count == 0 ? null : Target.IsMet(Median);
}

/// <summary>A time series for the chart: one value per second of a run.</summary>
public sealed record Series(string Name, string Unit, double[] Seconds, double[] Values);

public sealed class Report
{
    public DateTimeOffset Started { get; } = DateTimeOffset.Now;

    public DateTimeOffset Finished { get; set; }

    public bool Quick { get; init; }

    public required Dictionary<string, string> Environment { get; init; }

    public List<LoadSample> Load { get; } = [];

    public List<Measurement> Measurements { get; } = [];

    public List<Series> ThroughputSeries { get; } = [];

    public List<Series> LatencySeries { get; } = [];

    /// <summary>Redis and silo memory sampled during the scale scenario's soak.</summary>
    public List<Series> StorageSeries { get; } = [];

    public List<string> Notes { get; } = [];

    public Measurement Get(string scenario, string config, string metric, string unit, Target? target = null)
    {
        var m = Measurements.FirstOrDefault(x => x.Scenario == scenario && x.Config == config && x.Metric == metric);
        if (m is null)
        {
            m = new Measurement { Scenario = scenario, Config = config, Metric = metric, Unit = unit, Target = target };
            Measurements.Add(m);
        }

        return m;
    }

    public void Note(string note)
    {
        Notes.Add(note);
        Console.WriteLine("    note: " + note);
    }

    public string Table()
    {
        var rows = Measurements.Select(m => new[]
        {
            m.Scenario,
            m.Config,
            m.Metric,
            Fmt.Number(m.Median) + " " + m.Unit,
            m.Runs.Count > 1 ? $"{Fmt.Number(m.Min)}–{Fmt.Number(m.Max)}" : "",
            m.Runs.Count.ToString(CultureInfo.InvariantCulture),
            m.Target is null ? "" : $"{m.Target} {(m.Met == true ? "met" : "MISSED")}",
        }).ToList();
        string[] header = ["Scenario", "Configuration", "Metric", "Median", "Min–max", "Runs", "Target"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Row(string[] cells) => sb.AppendLine("| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |");
        Row(header);
        sb.AppendLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows)
        {
            Row(row);
        }

        return sb.ToString();
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

public sealed record LoadSample(DateTimeOffset At, string When, double Load1, double Load5, double Load15);

public static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static LoadSample Load(string when)
    {
        var parts = File.ReadAllText("/proc/loadavg").Split(' ');
        return new LoadSample(DateTimeOffset.Now, when,
            double.Parse(parts[0], CultureInfo.InvariantCulture),
            double.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}

public static class Fmt
{
    public static string Number(double v)
    {
        if (double.IsNaN(v))
        {
            return "–";
        }

        var abs = Math.Abs(v);
        return abs >= 1000 ? v.ToString("#,0", CultureInfo.InvariantCulture)
            : abs >= 100 ? v.ToString("0", CultureInfo.InvariantCulture)
            : abs >= 10 ? v.ToString("0.#", CultureInfo.InvariantCulture)
            : v.ToString("0.##", CultureInfo.InvariantCulture);
    }

    public static string Bytes(double b) => b >= 1 << 20 ? $"{b / (1 << 20):0.0} MiB" : b >= 1024 ? $"{b / 1024:0.0} KiB" : $"{b:0} B";
}
