using System.Text.Json;
using System.Text.RegularExpressions;

namespace Akademia.Webhooks.Grains.Validation;

/// <summary>
/// Input rules that several features share (event type names, event ids, event data, descriptions),
/// for every way in (HTTP and the grain client): they live with the grains so that a grain-client
/// publisher cannot bypass them. A feature's own rules live with the feature (as <c>EndpointRules</c>).
/// </summary>
public static partial class FieldRules
{
    public const int MaxEventTypeLength = 256;
    public const int MaxEventIdLength = 128;
    public const int MaxDescriptionLength = 1024;

    /// <summary>The largest page any list answers, in every route and grain that pages.</summary>
    public const int MaxPageLimit = 100;

    // \z, not $: $ also matches before a final newline, which would let "a.b\n" through.
    [GeneratedRegex("^[a-z0-9_]+(\\.[a-z0-9_]+)+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventTypePattern();

    [GeneratedRegex("^[A-Za-z0-9_:\\-]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventIdPattern();

    /// <summary>The page size of a list: 1 to <see cref="MaxPageLimit"/>.</summary>
    public static string? CheckPageLimit(int limit) =>
        limit is < 1 or > MaxPageLimit ? $"must be between 1 and {MaxPageLimit}" : null;

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

    public static void CheckDescription(string? description, Dictionary<string, string> errors)
    {
        if (description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = $"must be at most {MaxDescriptionLength} characters";
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
