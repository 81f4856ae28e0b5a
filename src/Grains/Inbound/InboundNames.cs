using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// How provider names become platform names: event types, event ids and message ids.
/// </summary>
public static partial class InboundNames
{
    public const int MaxPrefixLength = 64;

    [GeneratedRegex("^[A-Za-z0-9_:\\-]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlatformEventId();

    [GeneratedRegex("^[A-Za-z0-9_.\\-]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeKey();

    [GeneratedRegex("^([a-z0-9_]+\\.)+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("[^a-z0-9_.]", RegexOptions.CultureInvariant)]
    private static partial Regex NotTypeCharacter();

    /// <summary>A prefix is one or more lowercase segments, each followed by a dot, such as <c>stripe.</c>.</summary>
    public static bool IsValidPrefix(string? prefix) => prefix is { Length: > 0 and <= MaxPrefixLength } && PrefixPattern().IsMatch(prefix);

    /// <summary>
    /// <paramref name="prefix"/> + the provider's type, lowercased, with any character outside
    /// <c>[a-z0-9_.]</c> made <c>_</c> and empty segments dropped; <c>null</c> when nothing is left or
    /// the name is too long.
    /// </summary>
    public static string? EventType(string prefix, string providerType)
    {
        var cleaned = NotTypeCharacter().Replace(providerType.ToLowerInvariant(), "_");
        var segments = cleaned.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return null;
        }

        var name = prefix + string.Join('.', segments);
        return FieldRules.CheckEventTypeName(name) is null ? name : null;
    }

    /// <summary>
    /// The provider's id when it is a valid platform event id (Stripe's <c>evt_…</c>, GitHub's UUIDs and
    /// Standard Webhooks' <c>msg_…</c> all are); otherwise its invalid characters made <c>_</c>, cut to
    /// 100 characters and followed by a hash of the original, so two different ids never meet.
    /// </summary>
    public static string EventId(string providerId)
    {
        if (PlatformEventId().IsMatch(providerId))
        {
            return providerId;
        }

        var cleaned = new string([.. providerId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' ? c : '_')]);
        return $"{(cleaned.Length > 100 ? cleaned[..100] : cleaned)}_{Hash(providerId, 16)}";
    }

    /// <summary>
    /// <c>{sourceId}:{dedupe key}</c>, the key of the message's grain, so one source's duplicates meet
    /// in one grain. A key that is not URL-safe is replaced by its hash.
    /// </summary>
    public static string MessageId(string sourceId, string dedupeKey) =>
        $"{sourceId}:{(SafeKey().IsMatch(dedupeKey) ? dedupeKey : "h_" + Hash(dedupeKey, 40))}";

    /// <summary>The source id inside a message id (source ids contain no <c>:</c>).</summary>
    public static string SourceOf(string messageId) => messageId[..Math.Max(0, messageId.IndexOf(':', StringComparison.Ordinal))];

    private static string Hash(string value, int hexDigits) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..hexDigits];
}
