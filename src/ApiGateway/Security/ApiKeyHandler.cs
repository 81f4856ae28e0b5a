using System.Security.Claims;
using System.Text.Encodings.Web;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Security;

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

    /// <summary>The claim holding the calling key's scope for idempotency keys (a hash, never the key).</summary>
    public const string CallerScopeClaim = "akademia:caller-scope";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented, out var callerScope) is not { } entry)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, entry.Name),
                new Claim(CallerScopeClaim, callerScope!),
                .. entry.Roles.Select(r => new Claim(ClaimTypes.Role, r)),
            ],
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
}
