using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Grains.Security;

/// <summary>Encryption of signing secrets at rest. Section <c>Secrets</c>.</summary>
public sealed class SecretsOptions : IValidatableObject
{
    public const string Section = "Secrets";

    /// <summary>Base64 of 32 random bytes; secrets are written with it.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Names the key inside each stored value, so keys can be rotated.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,32}$")]
    public string KeyId { get; set; } = "k1";

    /// <summary>Retired keys by id (base64 of 32 bytes): still read, never written.</summary>
    public Dictionary<string, string>? PreviousKeys { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsKey(EncryptionKey))
        {
            yield return new ValidationResult(
                "Secrets:EncryptionKey is required: base64 of 32 random bytes (e.g. `openssl rand -base64 32`)", [nameof(EncryptionKey)]);
        }

        foreach (var (id, key) in PreviousKeys ?? [])
        {
            if (!IsKey(key))
            {
                yield return new ValidationResult($"Secrets:PreviousKeys:{id} is not base64 of 32 bytes", [nameof(PreviousKeys)]);
            }
        }
    }

    private static bool IsKey(string? value)
    {
        var buffer = new byte[48];
        return value is not null && Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }
}
