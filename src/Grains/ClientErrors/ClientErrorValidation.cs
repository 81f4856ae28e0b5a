using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Akademia.Webhooks.Grains.ClientErrors;

/// <summary>
/// The bounds of a client-error report. Anyone may report, so every member is limited and checked
/// before anything is stored.
/// </summary>
public static partial class ClientErrorValidation
{
    public const int MaxMessageBytes = 2 * 1024;
    public const int MaxStackBytes = 16 * 1024;
    public const int MaxUrlLength = 2048;
    public const int MaxUserAgentLength = 512;
    public const int MaxContextBytes = 8 * 1024;

    // A date, a time and a zone; DateTimeOffset.TryParse alone would also take "05/01/2025".
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimestamp();

    /// <summary>The report as stored; throws <see cref="ValidationFailedException"/> naming each bad member.</summary>
    public static ClientError Validate(ClientErrorReport report, string id, DateTimeOffset receivedAt)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(report.Message))
        {
            errors["message"] = "is required";
        }
        else if (Encoding.UTF8.GetByteCount(report.Message) > MaxMessageBytes)
        {
            errors["message"] = $"must be at most {MaxMessageBytes} bytes (UTF-8)";
        }

        if (report.Stack is { } stack && Encoding.UTF8.GetByteCount(stack) > MaxStackBytes)
        {
            errors["stack"] = $"must be at most {MaxStackBytes} bytes (UTF-8)";
        }

        if (report.Url is { } url)
        {
            if (url.Length > MaxUrlLength)
            {
                errors["url"] = $"must be at most {MaxUrlLength} characters";
            }
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors["url"] = "must be an absolute http or https URL";
            }
        }

        if (report.UserAgent is { Length: > MaxUserAgentLength })
        {
            errors["userAgent"] = $"must be at most {MaxUserAgentLength} characters";
        }

        DateTimeOffset? timestamp = null;
        if (report.Timestamp is { } text)
        {
            if (IsoTimestamp().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                timestamp = parsed;
            }
            else
            {
                errors["timestamp"] = "must be an ISO-8601 date and time with a zone, such as 2025-05-01T12:00:00.000Z";
            }
        }

        if (report.Context is { } context && CheckContext(context) is { } problem)
        {
            errors["context"] = problem;
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new ClientError
        {
            Id = id,
            Message = report.Message!,
            Stack = report.Stack,
            Url = report.Url,
            UserAgent = report.UserAgent,
            Timestamp = timestamp,
            Context = report.Context,
            ReceivedAt = receivedAt,
        };
    }

    private static string? CheckContext(string context)
    {
        if (Encoding.UTF8.GetByteCount(context) > MaxContextBytes)
        {
            return $"must be at most {MaxContextBytes} bytes of JSON";
        }

        try
        {
            using var document = JsonDocument.Parse(context);
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : "must be a JSON object";
        }
        catch (JsonException)
        {
            return "must be a JSON object";
        }
    }
}
