using System.Security.Claims;
using System.Text.Encodings.Web;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key: &lt;key&gt;</c>: a configured
/// key (the bootstrap keys of <c>Auth:ApiKeys</c>, compared as SHA-256 digests in constant time), a
/// managed key (<c>akk_…</c>, created through <c>/api/admin/api-keys</c>) or a portal token
/// (<c>akp_…</c>), the last two through <see cref="CredentialLookup"/>.
/// </summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys,
    CredentialLookup lookup)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The claim holding the calling key's scope for idempotency keys (a hash, never the key).</summary>
    public const string CallerScopeClaim = "akademia:caller-scope";

    /// <summary>The claim holding a managed key's id.</summary>
    public const string KeyIdClaim = "akademia:key-id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (keys.Find(presented, out var callerScope) is { } entry)
        {
            return Success(new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.Name, entry.Name),
                    new Claim(CallerScopeClaim, callerScope!),
                    .. entry.Roles.Select(r => new Claim(ClaimTypes.Role, r)),
                ],
                SchemeName));
        }

        if (ApiKeyTokens.IsManagedKey(presented))
        {
            return await lookup.FindKeyAsync(presented) is { } key
                ? Success(IdentityOf(key))
                : AuthenticateResult.Fail("Unknown, revoked or expired API key.");
        }

        if (PortalTokens.IsPortalToken(presented))
        {
            return await lookup.FindPortalGrantAsync(presented) is { } grant
                ? Success(IdentityOf(grant))
                : AuthenticateResult.Fail("Forged, revoked or expired portal token.");
        }

        return AuthenticateResult.Fail("Unknown API key.");
    }

    /// <summary>A managed key's identity: its role, and its application when it is scoped to one.</summary>
    internal static ClaimsIdentity IdentityOf(ApiKeyDetails key) => new(
        [
            new Claim(ClaimTypes.Name, key.Name),
            new Claim(KeyIdClaim, key.Id),
            new Claim(CallerScopeClaim, ApiKeyTokens.CallerScopeOf(key.Id)),
            new Claim(ClaimTypes.Role, key.Role),
            .. key.ApplicationId is { } application ? [new Claim(ApplicationAccess.ApplicationClaim, application)] : Array.Empty<Claim>(),
        ],
        SchemeName);

    /// <summary>
    /// A portal token's identity: a reader of its one application that may also manage that
    /// application's endpoints (<see cref="Roles.Portal"/>), and nothing more.
    /// </summary>
    internal static ClaimsIdentity IdentityOf(PortalGrant grant) => new(
        [
            new Claim(ClaimTypes.Name, "portal:" + grant.ApplicationId),
            new Claim(ClaimTypes.Role, Roles.Reader),
            new Claim(ClaimTypes.Role, Roles.Portal),
            new Claim(ApplicationAccess.ApplicationClaim, grant.ApplicationId),
        ],
        SchemeName);

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Envelope.Error(Context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
            "A valid API key is required: Authorization: Bearer <key> or X-API-Key: <key>.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Envelope.Error(Context, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
            "This API key's role does not allow this operation.").ExecuteAsync(Context);

    /// <summary>The key the request presents, unvalidated; the rate limiter counts by its hash before authentication runs.</summary>
    internal static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }

        return request.Headers["X-API-Key"].ToString() is { Length: > 0 } apiKey ? apiKey.Trim() : null;
    }

    private static AuthenticateResult Success(ClaimsIdentity identity) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
}
