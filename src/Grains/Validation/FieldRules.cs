using System.Text.Json;
using System.Text.RegularExpressions;
using Akademia.Webhooks.Grains.Signing;

namespace Akademia.Webhooks.Grains.Validation;

/// <summary>
/// Input rules shared by every way in (HTTP and the grain client): they live with the grains so that
/// a grain-client publisher cannot bypass them.
/// </summary>
public static partial class FieldRules
{
    public const int MaxUrlLength = 2048;
    public const int MaxEventTypeLength = 256;
    public const int MaxEventIdLength = 128;
    public const int MaxDescriptionLength = 1024;
    public const int MaxCustomHeaders = 20;
    public const int MaxHeaderValueLength = 4096;
    public const int MaxSubscriptions = 256;
    public const string AllEvents = "*";

    /// <summary>
    /// Headers the platform sets itself, or that would corrupt the request framing: a custom header
    /// may not use these names.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedHeaderNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-length", "content-type", "content-encoding", "transfer-encoding", "connection", "keep-alive",
        "upgrade", "te", "trailer", "proxy-authorization", "proxy-connection", "expect", "user-agent",
        "x-webhook-signature", "x-webhook-id", "x-webhook-timestamp",
        "webhook-id", "webhook-timestamp", "webhook-signature",
    };

    // \z, not $: $ also matches before a final newline, which would let "a.b\n" through.
    [GeneratedRegex("^[a-z0-9_]+(\\.[a-z0-9_]+)+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventTypePattern();

    [GeneratedRegex("^[A-Za-z0-9_:\\-]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventIdPattern();

    // RFC 9110 token characters.
    [GeneratedRegex("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderNamePattern();

    public static string? CheckEventTypeName(string? name) => name switch
    {
        null or "" => "is required",
        { Length: > MaxEventTypeLength } => $"must be at most {MaxEventTypeLength} characters",
        _ when !EventTypePattern().IsMatch(name) => "must match ^[a-z0-9_]+(\\.[a-z0-9_]+)+$",
        _ => null,
    };

    public static string? CheckEventId(string? id) =>
        id is null || EventIdPattern().IsMatch(id)
            ? null
            : "must be 1-128 characters of letters, digits, '_', '-' or ':'";

    public static string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "is required";
        }

        if (url.Length > MaxUrlLength)
        {
            return $"must be at most {MaxUrlLength} characters";
        }

        // Uri accepts a TAB, CR, LF or NUL (C0, DEL and C1 controls in general); delivery would
        // percent-encode them, but the endpoint would be stored and listed with them raw.
        if (url.Any(char.IsControl))
        {
            return "must not contain control characters (such as CR, LF, TAB or NUL)";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not contain user info";
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            return "must have a host";
        }

        return null;
    }

    /// <summary>Checks that <paramref name="data"/> is the text of a JSON object.</summary>
    public static string? CheckDataObject(string? data)
    {
        if (data is null)
        {
            return "is required";
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : "must be a JSON object";
        }
        catch (JsonException)
        {
            return "must be valid JSON";
        }
        catch (ArgumentException)
        {
            // An unpaired surrogate: a .NET string can hold one, UTF-8 text cannot, so the parser
            // refuses to transcode it. Only a caller in the silo can pass one (a grain client's
            // strings cross the wire as UTF-8, which replaces it with U+FFFD).
            return "must be valid Unicode text: it has an unpaired surrogate";
        }
    }

    public static void CheckEvents(string[]? events, Dictionary<string, string> errors, Func<string, bool> isKnownType)
    {
        if (events is null || events.Length == 0)
        {
            errors["events"] = "must list at least one event type, or \"*\"";
            return;
        }

        if (events.Length > MaxSubscriptions)
        {
            errors["events"] = $"must list at most {MaxSubscriptions} event types";
            return;
        }

        for (var i = 0; i < events.Length; i++)
        {
            var name = events[i];
            if (name == AllEvents)
            {
                continue;
            }

            if (CheckEventTypeName(name) is { } problem)
            {
                errors[$"events[{i}]"] = problem;
            }
            else if (!isKnownType(name))
            {
                errors[$"events[{i}]"] = $"unknown event type '{name}'";
            }
        }
    }

    public static void CheckHeaders(Dictionary<string, string>? headers, Dictionary<string, string> errors)
    {
        if (headers is null)
        {
            return;
        }

        if (headers.Count > MaxCustomHeaders)
        {
            errors["headers"] = $"at most {MaxCustomHeaders} custom headers";
            return;
        }

        foreach (var (name, value) in headers)
        {
            var field = $"headers.{name}";
            if (!HeaderNamePattern().IsMatch(name))
            {
                errors[field] = "is not a valid header name";
            }
            else if (ReservedHeaderNames.Contains(name))
            {
                errors[field] = "is reserved by the platform";
            }
            else if (value is null)
            {
                errors[field] = "must have a value";
            }
            else if (value.Length > MaxHeaderValueLength)
            {
                errors[field] = $"must be at most {MaxHeaderValueLength} characters";
            }
            else if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                errors[field] = "must not contain CR, LF or NUL";
            }
        }
    }

    public static void CheckDescription(string? description, Dictionary<string, string> errors)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = $"must be at most {MaxDescriptionLength} characters";
        }
    }

    public static void CheckSecret(string? secret, Dictionary<string, string> errors)
    {
        if (secret is not null && !WebhookSecret.IsValid(secret))
        {
            errors["secret"] = "must be 'whsec_' followed by base64 of 32 bytes";
        }
    }

    public static void ThrowIfAny(Dictionary<string, string> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
