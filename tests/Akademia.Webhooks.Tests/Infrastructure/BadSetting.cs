using System.Diagnostics;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// Starts the silo or the gateway from the build output with one bad setting, as an operator would,
/// and holds it to the start-up rule: exit code 2, one stderr line, no stack trace.
/// </summary>
public static class BadSetting
{
    /// <summary>Starts the built program with one bad setting, and returns its one stderr line and its stdout once it exited with code 2.</summary>
    public static async Task<(string Line, string Stdout)> RunUntilExitAsync(string project, string key, string value, string environment = "Development")
    {
        var assembly = BuildOutput.Assembly(project);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{Ports.Free()}");
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Valid keys, so that the bad setting is the only thing wrong.
        start.Environment["Auth__ApiKeys__0__Name"] = "ops";
        start.Environment["Auth__ApiKeys__0__Key"] = PlatformFixture.AdminKey;
        start.Environment["Auth__ApiKeys__0__Roles__0"] = "admin";
        start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Still running: it accepted the setting. Stopped by its own pid.
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }

        var error = await stderr;
        var output = await stdout;
        var detail = $"{project} with {key}={value} in {environment}: exit code {process.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s\nstderr: {error}\nstdout: {output}";
        Assert.True(process.ExitCode == 2, detail);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, detail);
        return (lines[0], output);
    }
}
