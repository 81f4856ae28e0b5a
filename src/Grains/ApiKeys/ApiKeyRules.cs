using System.Globalization;
using Akademia.Webhooks.Grains.Validation;
using Akademia.Webhooks.Hosting;

namespace Akademia.Webhooks.Grains.ApiKeys;

/// <summary>What a new API key may be: field by field, as the create answers 400 <c>VALIDATION_ERROR</c>.</summary>
public static class ApiKeyRules
{
    public const int MaxNameLength = 100;

    /// <summary>The furthest expiry: a key that outlives this should be rotated anyway.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(3653);

    /// <summary>The problems of <paramref name="definition"/> by field, empty when there are none.</summary>
    public static Dictionary<string, string> Check(ApiKeyDefinition definition, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            errors["name"] = "is required";
        }
        else if (definition.Name.Length > MaxNameLength)
        {
            errors["name"] = $"must be at most {MaxNameLength} characters";
        }
        else if (definition.Name.Any(char.IsControl))
        {
            // Names reach logs and the operational events: no line breaks to forge entries with.
            errors["name"] = "must not contain control characters";
        }

        if (string.IsNullOrEmpty(definition.Role))
        {
            errors["role"] = "is required";
        }
        else if (!AuthOptions.IsRole(definition.Role))
        {
            errors["role"] = $"must be one of {Roles.Admin}, {Roles.Publisher}, {Roles.Reader}";
        }

        if (definition.ApplicationId is not null && FieldRules.CheckEventId(definition.ApplicationId) is { } applicationProblem)
        {
            errors["applicationId"] = applicationProblem;
        }

        if (definition.ExpiresAt is { } expires)
        {
            if (expires <= now)
            {
                errors["expiresAt"] = "must be in the future";
            }
            else if (expires > now + MaxLifetime)
            {
                errors["expiresAt"] = string.Create(CultureInfo.InvariantCulture, $"must be at most 10 years away (before {now + MaxLifetime:O})");
            }
        }

        if (definition.Digest is not { Length: 32 })
        {
            errors["digest"] = "must be the 32-byte SHA-256 of the key";
        }

        return errors;
    }
}
