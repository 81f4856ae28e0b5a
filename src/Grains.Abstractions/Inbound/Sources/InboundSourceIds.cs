using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Rules for inbound source ids, shared by the gateway and the grains.
/// </summary>
public static partial class InboundSourceIds
{
    /// <summary>1–64 letters, digits, <c>_</c> or <c>-</c>.</summary>
    public const string Rule = "must be 1-64 letters, digits, '_' or '-'";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Whether <paramref name="id"/> is a valid source id.</summary>
    public static bool IsValid([NotNullWhen(true)] string? id) => id is not null && Pattern().IsMatch(id);
}
