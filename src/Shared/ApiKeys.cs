using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Security;

// Linked into the gateway (API authentication) and the silo (dashboard authentication), so both
// read the same Auth:ApiKeys configuration the same way.

/// <summary>One API key: its name (for logs and audit), the key or its SHA-256, and its roles.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    /// <summary>The key itself. Prefer <see cref="KeyHash"/> outside development.</summary>
    public string? Key { get; set; }

    /// <summary>Lowercase or uppercase hex SHA-256 of the key.</summary>
    public string? KeyHash { get; set; }

    public string[] Roles { get; set; } = [];
}

/// <summary>API keys and roles. Section <c>Auth</c>; e.g. <c>Auth__ApiKeys__0__Key</c>, <c>Auth__ApiKeys__0__Roles__0=admin</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>Whether a role name is one of the three.</summary>
    public static bool IsRole(string role) => role is Roles.Admin or Roles.Publisher or Roles.Reader;

    public IEnumerable<string> Validate()
    {
        if (ApiKeys.Count == 0)
        {
            yield return "Auth:ApiKeys must list at least one key (Auth__ApiKeys__0__KeyHash and Auth__ApiKeys__0__Roles__0=admin)";
        }

        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var entry = ApiKeys[i];
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                yield return $"Auth:ApiKeys:{i}:Name is required";
            }

            if (string.IsNullOrEmpty(entry.Key) == string.IsNullOrEmpty(entry.KeyHash))
            {
                yield return $"Auth:ApiKeys:{i} needs exactly one of Key or KeyHash";
            }

            if (entry.Key is { Length: > 0 and < 16 })
            {
                yield return $"Auth:ApiKeys:{i}:Key must be at least 16 characters";
            }

            if (entry.KeyHash is { } hash && (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit)))
            {
                yield return $"Auth:ApiKeys:{i}:KeyHash must be 64 hex digits (SHA-256)";
            }

            if (entry.Roles.Length == 0 || entry.Roles.Any(r => !IsRole(r)))
            {
                yield return $"Auth:ApiKeys:{i}:Roles must name admin, publisher or reader";
            }
        }
    }
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Publisher = "publisher";
    public const string Reader = "reader";
}

/// <summary>The configured keys as SHA-256 digests; the plaintext of a configured key is not kept.</summary>
public sealed class ApiKeyStore
{
    private readonly (byte[] Digest, ApiKeyEntry Entry, string CallerScope)[] _keys;

    public ApiKeyStore(IOptions<AuthOptions> options) =>
        _keys = [.. options.Value.ApiKeys.Select(e => e.KeyHash is { } hash ? Convert.FromHexString(hash) : SHA256.HashData(Encoding.UTF8.GetBytes(e.Key!)))
            .Zip(options.Value.ApiKeys, (digest, e) => (digest, new ApiKeyEntry { Name = e.Name, Roles = e.Roles }, CallerScopeOf(digest)))];

    public ApiKeyEntry? Find(string presented) => Find(presented, out _);

    /// <summary>
    /// The entry of <paramref name="presented"/>, and its caller scope: what the caller's idempotency
    /// keys are kept under.
    /// </summary>
    public ApiKeyEntry? Find(string presented, out string? callerScope)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyEntry? match = null;
        callerScope = null;

        // Every key is compared, whatever matches, so the time taken says nothing about which did.
        foreach (var (candidate, entry, scope) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, digest) && match is null)
            {
                match = entry;
                callerScope = scope;
            }
        }

        return match;
    }

    // "key_" + hex SHA-256 of a label and the key's digest. Stored with every idempotency key, so it
    // must say nothing usable about the key: it is neither the key nor the configured KeyHash, and
    // cannot be turned into either. Per key rather than per name, so a rotated key starts afresh.
    // (When applications exist, their id joins the scope.)
    private static string CallerScopeOf(byte[] digest) =>
        "key_" + Convert.ToHexStringLower(SHA256.HashData([.. "akademia.idempotency-scope.v1\0"u8, .. digest]));
}

