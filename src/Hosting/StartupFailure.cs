using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// How the silo and the gateway end on a bad setting: one line on stderr that names the setting and
/// what is allowed, and exit code 2, the convention for a usage error. A misconfiguration is the
/// operator's to fix, not a crash, so it gets no stack trace.
/// </summary>
public static partial class StartupFailure
{
    public const int ExitCode = 2;

    /// <summary>
    /// Whether <paramref name="exception"/> is a bad setting: a failed validation, or a value the
    /// configuration binder could not convert where something binds outside <see cref="PlatformOptions"/>.
    /// </summary>
    public static bool IsBadSetting(Exception exception) =>
        exception is OptionsValidationException
        || (exception is InvalidOperationException && BinderFailure().IsMatch(exception.Message));

    /// <summary>Prints the one line for <paramref name="program"/> and returns the exit code.</summary>
    public static int Report(string program, Exception exception)
    {
        var reason = exception is OptionsValidationException validation
            ? string.Join("; ", validation.Failures.Select(f => OptionFailure.Qualify(PlatformOptions.SectionOf(validation.OptionsType), f)))
            : Describe(exception.Message);
        Console.Error.WriteLine($"{program} cannot start: {reason.ReplaceLineEndings(" ")}");
        return ExitCode;
    }

    /// <summary>The binder's message, in the words <see cref="SettingsConversion"/> uses when the type is known.</summary>
    private static string Describe(string message)
    {
        var match = BinderFailure().Match(message);
        var typeName = match.Groups["type"].Value;
        var type = Type.GetType(typeName)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
        return type is null ? message : SettingsConversion.Failure(match.Groups["path"].Value, match.Groups["value"].Value, Nullable.GetUnderlyingType(type) ?? type);
    }

    // Microsoft.Extensions.Configuration.Binder's message (its resource Error_FailedBinding).
    [GeneratedRegex("^Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
