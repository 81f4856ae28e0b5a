using System.Text.RegularExpressions;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// Turns a validator's failure into the words an operator acts on: the full configuration key, as they
/// would set it, and the rule. DataAnnotations name only the property and the type
/// (<c>SiloPort: The field SiloOptions.SiloPort must be between 1 and 65535.</c>); the operator sets
/// <c>Cluster:SiloPort</c>.
/// </summary>
public static partial class OptionFailure
{
    /// <summary>
    /// <paramref name="failure"/> with its members prefixed by <paramref name="section"/>; unchanged when
    /// the section is unknown or the failure names its keys already.
    /// </summary>
    public static string Qualify(string? section, string failure)
    {
        if (section is null || MemberFailure().Match(failure) is not { Success: true } match)
        {
            return failure;
        }

        var message = match.Groups["message"].Value;
        if (message.StartsWith(section + ":", StringComparison.Ordinal))
        {
            // The rule spelled out the key itself (a list item, say): it says more than the member.
            return message;
        }

        var members = match.Groups["members"].Value.Split(", ").Select(m => $"{section}:{m}");
        return $"{string.Join(", ", members)}: {DataAnnotationPhrase().Replace(message, "")}".TrimEnd('.');
    }

    // "SiloPort: …", "SiloPort, GatewayPort: …"; a key with a section ("Delivery:JitterFactor: …") is already whole.
    [GeneratedRegex("^(?<members>[A-Za-z0-9_]+(?:, [A-Za-z0-9_]+)*): (?<message>.*)$", RegexOptions.Singleline)]
    private static partial Regex MemberFailure();

    // DataAnnotations' "The field SiloOptions.SiloPort " and "The SiloPort field ": the key says it now.
    [GeneratedRegex(@"^The (?:field [A-Za-z0-9_.]+ |[A-Za-z0-9_]+ field )")]
    private static partial Regex DataAnnotationPhrase();
}
