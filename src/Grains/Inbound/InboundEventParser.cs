using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Akademia.Webhooks.Grains.Inbound;

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
