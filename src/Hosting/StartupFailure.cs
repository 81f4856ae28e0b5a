using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// How the silo and the gateway end on a bad setting: one line on stderr that names the setting and
/// what is allowed, and exit code 2, the convention for a usage error. A misconfiguration is the
/// operator's to fix, not a crash, so it gets no stack trace.
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 2;

    /// <summary>
    /// Whether <paramref name="exception"/> is a bad setting: a failed validation, or a value the
    /// configuration binder could not convert where something binds outside <see cref="PlatformOptions"/>.
    /// </summary>
    public static bool IsBadSetting(Exception exception) =>
        exception is OptionsValidationException
        || (exception is InvalidOperationException && exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal));

    /// <summary>Prints the one line for <paramref name="program"/> and returns the exit code.</summary>
    public static int Report(string program, Exception exception)
    {
        var reason = exception is OptionsValidationException validation ? string.Join("; ", validation.Failures) : exception.Message;
        Console.Error.WriteLine($"{program} cannot start: {reason.ReplaceLineEndings(" ")}");
        return ExitCode;
    }
}
