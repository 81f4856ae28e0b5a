using System.Text.RegularExpressions;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>The rules for inbound sources, shared by create and update.</summary>
public static partial class InboundSourceValidation
{
    public const int MaxSecretLength = 512;
    public const int MaxPreviousSecrets = 10;
    public const int MaxRateLimitPerMinute = 1_000_000;
    public const int MaxAttemptsLimit = 20;

    /// <summary>The seed's attempt budgets by provider; any other provider gets 5.</summary>
    public static readonly IReadOnlyDictionary<string, int> DefaultMaxAttempts = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["stripe"] = 5,
        ["paypal"] = 3,
        ["github"] = 7,
        ["sendgrid"] = 5,
    };

    // RFC 9110 token characters.
    [GeneratedRegex("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderNamePattern();

    public static int MaxAttemptsFor(string provider) => DefaultMaxAttempts.GetValueOrDefault(provider, 5);

    public static void CheckProvider(string? provider, Dictionary<string, string> errors)
    {
        if (provider is null || !InboundProviders.All.Contains(provider))
        {
            errors["provider"] = "must be one of " + string.Join(", ", InboundProviders.All);
        }
    }

    public static void CheckSecret(string provider, string? secret, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrEmpty(secret))
        {
            errors[field] = "is required";
        }
        else if (provider == InboundProviders.Standard)
        {
            if (!StandardWebhookSignature.TryGetKey(secret, out _))
            {
                errors[field] = "must be 'whsec_' followed by base64 of 24-64 bytes";
            }
        }
        else if (secret.Length > MaxSecretLength)
        {
            errors[field] = $"must be at most {MaxSecretLength} characters";
        }
        else if (secret.Any(char.IsWhiteSpace))
        {
            errors[field] = "must not contain white space";
        }
    }

    public static void CheckPreviousSecrets(string provider, string[]? secrets, Dictionary<string, string> errors)
    {
        if (secrets is null)
        {
            return;
        }

        if (secrets.Length > MaxPreviousSecrets)
        {
            errors["previousSecrets"] = $"at most {MaxPreviousSecrets}";
            return;
        }

        for (var i = 0; i < secrets.Length; i++)
        {
            CheckSecret(provider, secrets[i], $"previousSecrets[{i}]", errors);
        }
    }

    public static void CheckRateLimit(int? perMinute, Dictionary<string, string> errors)
    {
        if (perMinute is < 1 or > MaxRateLimitPerMinute)
        {
            errors["rateLimitPerMinute"] = $"must be between 1 and {MaxRateLimitPerMinute}";
        }
    }

    public static void CheckMaxAttempts(int? maxAttempts, Dictionary<string, string> errors)
    {
        if (maxAttempts is < 1 or > MaxAttemptsLimit)
        {
            errors["maxAttempts"] = $"must be between 1 and {MaxAttemptsLimit}";
        }
    }

    public static void CheckPrefix(string? prefix, Dictionary<string, string> errors)
    {
        if (prefix is not null && !InboundNames.IsValidPrefix(prefix))
        {
            errors["eventTypePrefix"] = $"must be lowercase segments of [a-z0-9_], each followed by '.', such as 'stripe.', at most {InboundNames.MaxPrefixLength} characters";
        }
    }

    public static void CheckSignatureHeader(string provider, string? header, Dictionary<string, string> errors)
    {
        if (header is null)
        {
            return;
        }

        if (provider != InboundProviders.Hmac)
        {
            errors["signatureHeader"] = "is only for provider 'hmac'";
        }
        else if (!HeaderNamePattern().IsMatch(header))
        {
            errors["signatureHeader"] = "is not a valid header name";
        }
    }
}
