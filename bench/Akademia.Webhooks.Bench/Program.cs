using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Akademia.Webhooks.Bench;

BenchOptions options;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }

    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var repoRoot = FindRepoRoot();
var outDir = options.OutDir ?? Path.Combine(repoRoot, "bench", "results");
Directory.CreateDirectory(outDir);
var workRoot = Path.Combine(Path.GetTempPath(), "akademia-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(workRoot);

// Whatever happens, the processes this run started are stopped by pid.
var stopped = 0;
void StopEverything()
{
    if (Interlocked.Exchange(ref stopped, 1) == 0)
    {
        ChildProcess.Registry.StopAll();
    }
}

// Ctrl+C, TERM and HUP: stop the children by pid, then exit (128 + signal number, as shells do).
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    Console.WriteLine($"\n==> {context.Signal}: stopping every process this run started");
    StopEverything();
    Environment.Exit(context.Signal switch { PosixSignal.SIGINT => 130, PosixSignal.SIGHUP => 129, _ => 143 });
}

using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var onHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
AppDomain.CurrentDomain.ProcessExit += (_, _) => StopEverything();

var report = new Report
{
    Quick = options.Quick,
    Environment = new Dictionary<string, string>
    {
        ["machine"] = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB",
        ["cpu"] = CpuModel(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        [".NET"] = Environment.Version.ToString(),
        ["nginx"] = Nginx.Version(),
        ["redis-server"] = RedisServer.Version(),
        ["commit"] = Git("rev-parse --short HEAD"),
        ["platform"] = options.PlatformRoot ?? repoRoot,
        ["options"] = string.Join(' ', args),
    },
};

var total = Stopwatch.StartNew();
Console.WriteLine($"==> Akademia.Orleans benchmark{(options.Quick ? " (--quick)" : "")}: {string.Join(", ", options.Scenarios)}; {options.Runs} run(s) each; commit {report.Environment["commit"]}");
Console.WriteLine($"    work folder {workRoot}");
report.Load.Add(Stats.Load("start"));
Console.WriteLine($"    load average at start {report.Load[0].Load1:0.00} {report.Load[0].Load5:0.00} {report.Load[0].Load15:0.00}");
if (report.Load[0].Load1 > 0.5)
{
    Console.WriteLine("    warning: the machine is busy (1-minute load above 0.5): figures will be lower than on an idle machine");
}

var exitCode = 0;
try
{
    await new Bench(options, report, options.PlatformRoot ?? repoRoot, workRoot).RunAsync();
}
catch (Exception ex)
{
    Console.Error.WriteLine($"benchmark failed: {ex}");
    exitCode = 1;
}
finally
{
    StopEverything();
}

report.Finished = DateTimeOffset.Now;
report.Load.Add(Stats.Load("end"));
var stamp = report.Started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + (options.Quick ? "-quick" : "");
var jsonPath = Path.Combine(outDir, $"bench-{stamp}.json");
await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, Report.Json));
var pngPath = Path.Combine(outDir, $"bench-{stamp}.png");
try
{
    Chart.Save(report, pngPath);
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    Console.Error.WriteLine($"chart not written: {ex.Message}");
    pngPath = "(none)";
}

Console.WriteLine();
Console.WriteLine($"==> results ({report.Started:yyyy-MM-dd HH:mm}, {total.Elapsed.TotalMinutes:0.0} min; load average at start {report.Load[0].Load1:0.00}, "
    + $"highest 1-min during the run {report.Load.Max(l => l.Load1):0.00})");
Console.Write(report.Table());
foreach (var note in report.Notes)
{
    Console.WriteLine("note: " + note);
}

Console.WriteLine($"JSON {jsonPath}");
Console.WriteLine($"chart {pngPath}");
if (options.KeepLogs)
{
    Console.WriteLine($"logs {workRoot}");
}
else
{
    try
    {
        Directory.Delete(workRoot, recursive: true);
    }
    catch (IOException)
    {
    }
}

return exitCode;

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Akademia.Orleans.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}

static string CpuModel()
{
    try
    {
        return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
    }
    catch (IOException)
    {
        return "";
    }
}

static string Git(string arguments)
{
    try
    {
        using var p = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return text;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "";
    }
}
