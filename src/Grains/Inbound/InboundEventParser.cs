using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// A provider's event, ready to publish on the platform.
/// </summary>
/// <param name="DedupeKey">The provider's id for the message, or <c>sha256_</c> + hex of source and body.</param>
/// <param name="EventId">The platform event id: the provider's event id within the platform's id rules.</param>
/// <param name="ProviderType">The provider's own event type, such as <c>payment_intent.succeeded</c>.</param>
/// <param name="EventType">The platform event type: the source's prefix and the sanitized provider type.</param>
/// <param name="Data">The raw body as text: the platform event's data.</param>
public sealed record InboundEvent(string DedupeKey, string EventId, string ProviderType, string EventType, string Data);

/// <summary>A body that is not an event of its provider, or a provider without a processor. Never retried.</summary>
public sealed class InboundPayloadException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Reads one event out of a provider's webhook: Stripe sends one event per body, GitHub one per
/// delivery (named by its headers), Standard Webhooks one per message, and an <c>hmac</c> sender one
/// JSON object per request. The body is never changed: it becomes the platform event's data as is.
/// </summary>
public static class InboundEventParser
{
    public const string GitHubEventHeader = "X-GitHub-Event";
    public const string GitHubDeliveryHeader = "X-GitHub-Delivery";

    /// <summary>The type an <c>hmac</c> message gets when its body names none.</summary>
    public const string DefaultHmacType = "event";

    public static InboundEvent Parse(string provider, string sourceId, string prefix, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        // The JSON reader checks a string's UTF-8 only when it converts it: without this, an invalid
        // sequence in the type failed processing with an unexpected error, and one anywhere else was
        // published with U+FFFD in its place (the body is decoded below), silently changed.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw Malformed("the body is not valid UTF-8");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Malformed("the body is not valid JSON");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("the body is not a JSON object");
        }

        var (providerId, providerType) = provider switch
        {
            InboundProviders.Stripe => (StringMember(root, "id"), StringMember(root, "type") ?? throw Malformed("a Stripe event needs a string 'type'")),
            InboundProviders.GitHub => (Header(headers, GitHubDeliveryHeader), GitHubType(headers, root)),
            InboundProviders.Standard => (Header(headers, StandardWebhookSignature.IdHeader), StringMember(root, "type") ?? throw Malformed("a Standard Webhooks message needs a string 'type'")),
            // A generic sender has no id the platform knows of: the body's hash deduplicates.
            InboundProviders.Hmac => (null, StringMember(root, "type") ?? DefaultHmacType),
            _ => throw new InboundPayloadException(InboundErrorCodes.NoProcessor, $"no processor for provider '{provider}'"),
        };

        var dedupeKey = string.IsNullOrEmpty(providerId) ? BodyHash(sourceId, body) : providerId;
        var eventType = InboundNames.EventType(prefix, providerType)
            ?? throw Malformed($"the event type '{Truncate(providerType)}' cannot be made a platform event type");
        return new InboundEvent(dedupeKey, InboundNames.EventId(dedupeKey), providerType, eventType, Encoding.UTF8.GetString(body));
    }

    /// <summary><c>sha256_</c> + hex SHA-256 of the source id and the body: the dedupe key of a message without a provider id.</summary>
    public static string BodyHash(string sourceId, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(sourceId));
        hash.AppendData(body);
        return "sha256_" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string GitHubType(IReadOnlyDictionary<string, string> headers, JsonElement root)
    {
        var name = Header(headers, GitHubEventHeader) ?? throw Malformed("a GitHub delivery needs the X-GitHub-Event header");
        return StringMember(root, "action") is { Length: > 0 } action ? $"{name}.{action}" : name;
    }

    private static string? StringMember(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static InboundPayloadException Malformed(string message) => new(InboundErrorCodes.MalformedPayload, message);
}

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
        return WebhookValidation.CheckEventTypeName(name) is null ? name : null;
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
