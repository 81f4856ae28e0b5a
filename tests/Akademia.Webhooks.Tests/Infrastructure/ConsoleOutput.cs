using System.Globalization;
using System.Text.RegularExpressions;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>What a silo or gateway process wrote to its console, read from its log file as it grows.</summary>
public static partial class ConsoleOutput
{
    /// <summary>A line of the default format: the UTC time in ISO 8601 to the millisecond, then the level.</summary>
    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (trce|dbug|info|warn|fail|crit): ")]
    public static partial Regex TimestampedLine();

    /// <summary>
    /// The lines the process wrote since it started, once each of <paramref name="markers"/> is in one of
    /// them (the header <see cref="PlatformProcess"/> writes is left out).
    /// </summary>
    public static async Task<IReadOnlyList<string>> WaitForLinesAsync(PlatformProcess process, params string[] markers)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var lines = Read(process.LogPath);
            if (markers.All(m => lines.Any(l => l.Contains(m, StringComparison.Ordinal))))
            {
                return lines;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{process.Name} did not write {string.Join(", ", markers)}\n{process.Tail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The lines written to <paramref name="path"/> so far; none before the process created it.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("==== ", StringComparison.Ordinal))];
    }

    /// <summary>The line starts with its time (UTC, of this run) and its level.</summary>
    public static void AssertTimestamped(string line)
    {
        var match = TimestampedLine().Match(line);
        Assert.True(match.Success, $"not timestamped: {line}");
        AssertRecentUtc(match.Groups[1].Value);
    }

    /// <summary>The line's time, checked to be UTC and of this run (within a few minutes of now).</summary>
    public static void AssertRecentUtc(string timestamp)
    {
        var time = DateTimeOffset.ParseExact(timestamp, "yyyy-MM-dd'T'HH':'mm':'ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(time, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
