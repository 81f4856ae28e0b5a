using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Security;

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

/// <summary>Authorization policies by what a route does.</summary>
public static class Policies
{
    /// <summary>Read-only routes: any role.</summary>
    public const string Read = "read";

    /// <summary>Publishing, and managing endpoints and event types: publisher or admin.</summary>
    public const string Publish = "publish";

    /// <summary>Every <c>/api/admin</c> route and the dashboard: admin only.</summary>
    public const string Admin = "admin";
}

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key: &lt;key&gt;</c>. Keys are
/// compared as SHA-256 digests in constant time, so neither timing nor a configuration dump reveals them.
/// </summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented) is not { } entry)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, entry.Name), .. entry.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Envelope.Error(Context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
            "A valid API key is required: Authorization: Bearer <key> or X-API-Key: <key>.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Envelope.Error(Context, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
            "This API key's role does not allow this operation.").ExecuteAsync(Context);

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }

        return request.Headers["X-API-Key"].ToString() is { Length: > 0 } apiKey ? apiKey.Trim() : null;
    }
}

/// <summary>The configured keys as SHA-256 digests; the plaintext of a configured key is not kept.</summary>
internal sealed class ApiKeyStore
{
    private readonly (byte[] Digest, ApiKeyEntry Entry)[] _keys;

    public ApiKeyStore(IOptions<AuthOptions> options) =>
        _keys = [.. options.Value.ApiKeys.Select(e => (
            e.KeyHash is { } hash ? Convert.FromHexString(hash) : SHA256.HashData(Encoding.UTF8.GetBytes(e.Key!)),
            new ApiKeyEntry { Name = e.Name, Roles = e.Roles }))];

    public ApiKeyEntry? Find(string presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKeyEntry? match = null;

        // Every key is compared, whatever matches, so the time taken says nothing about which did.
        foreach (var (candidate, entry) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, digest))
            {
                match ??= entry;
            }
        }

        return match;
    }
}

internal static class ApiKeyAuthenticationExtensions
{
    public static WebApplicationBuilder AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddAuthentication(ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.Admin, Roles.Publisher, Roles.Reader))
            .AddPolicy(Policies.Publish, p => p.RequireRole(Roles.Admin, Roles.Publisher))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    private sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
            options.Validate().ToList() is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
