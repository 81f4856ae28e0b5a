using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Akademia.Webhooks.Grains.Abstractions;
using Akademia.Webhooks.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Silo;

/// <summary>
/// The dashboard has no authentication of its own. Outside Development it asks for an admin API key
/// (the gateway's <c>Auth:ApiKeys</c>, or an admin key created through <c>/api/admin/api-keys</c> that
/// spans all applications): as the password of HTTP Basic, so a browser can sign in, or as
/// <c>Authorization: Bearer</c>. A managed key is checked by its grain on every request, with no
/// cache: the call is local to the silo, and a revocation takes effect at once.
/// </summary>
internal sealed class DashboardAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IGrainFactory grains,
    TimeProvider timeProvider)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "DashboardKey";
    public const string AdminPolicy = "dashboard-admin";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        string? presented = null;
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                presented = decoded[(decoded.IndexOf(':', StringComparison.Ordinal) + 1)..];
            }
            catch (FormatException)
            {
                return AuthenticateResult.Fail("Malformed Basic credentials.");
            }
        }
        else if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        if (string.IsNullOrEmpty(presented))
        {
            return AuthenticateResult.NoResult();
        }

        if (keys.Find(presented) is { } entry)
        {
            return Success(entry.Name, entry.Roles);
        }

        // The dashboard shows every application: a key scoped to one never opens it.
        if (ApiKeyTokens.IsManagedKey(presented))
        {
            var digest = ApiKeyTokens.Digest(presented);
            if (await grains.GetGrain<IApiKeyGrain>(ApiKeyTokens.IdOf(digest)).VerifyAsync(digest) is { ApplicationId: null } key
                && key.IsLiveAt(timeProvider.GetUtcNow()))
            {
                return Success(key.Name, [key.Role]);
            }
        }

        return AuthenticateResult.Fail("Unknown key.");
    }

    private static AuthenticateResult Success(string name, IEnumerable<string> roles) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], SchemeName)),
            SchemeName));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Akademia.Orleans dashboard\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
