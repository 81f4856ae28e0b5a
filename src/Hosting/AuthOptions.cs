using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Hosting;

/// <summary>API keys and roles. Section <c>Auth</c>; e.g. <c>Auth__ApiKeys__0__Key</c>, <c>Auth__ApiKeys__0__Roles__0=admin</c>.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>Whether a role name is one of the three.</summary>
    public static bool IsRole(string role) => role is Roles.Admin or Roles.Publisher or Roles.Reader;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiKeys.Count == 0)
        {
            yield return new ValidationResult("Auth:ApiKeys must list at least one key (Auth__ApiKeys__0__KeyHash and Auth__ApiKeys__0__Roles__0=admin)", [nameof(ApiKeys)]);
        }

        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var entry = ApiKeys[i];
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i}:Name is required", [nameof(ApiKeys)]);
            }

            if (string.IsNullOrEmpty(entry.Key) == string.IsNullOrEmpty(entry.KeyHash))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i} needs exactly one of Key or KeyHash", [nameof(ApiKeys)]);
            }

            if (entry.Key is { Length: > 0 and < 16 })
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i}:Key must be at least 16 characters", [nameof(ApiKeys)]);
            }

            if (entry.KeyHash is { } hash && (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit)))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i}:KeyHash must be 64 hex digits (SHA-256)", [nameof(ApiKeys)]);
            }

            if (entry.Roles.Length == 0 || entry.Roles.Any(r => !IsRole(r)))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{i}:Roles must name admin, publisher or reader", [nameof(ApiKeys)]);
            }
        }
    }
}
