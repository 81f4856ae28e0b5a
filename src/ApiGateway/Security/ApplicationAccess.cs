using System.Security.Claims;

namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>
/// Which applications a caller may see. A key scoped to one application carries
/// <see cref="ApplicationClaim"/>; a key without it (the configured bootstrap keys, unscoped keys) spans
/// all. A caller outside an application gets 404 for it, as if it did not exist, so a scoped key cannot
/// even confirm another application's id.
/// </summary>
public static class ApplicationAccess
{
    /// <summary>The claim naming the one application a key or portal token is scoped to.</summary>
    public const string ApplicationClaim = "akademia:application";

    /// <summary>The application <paramref name="user"/> is limited to, or null when it spans all.</summary>
    public static string? ScopeOf(ClaimsPrincipal user) => user.FindFirst(ApplicationClaim)?.Value;

    /// <summary>Whether <paramref name="user"/> may see <paramref name="applicationId"/>.</summary>
    public static bool Allows(ClaimsPrincipal user, string applicationId) =>
        ScopeOf(user) is not { } scope || string.Equals(scope, applicationId, StringComparison.Ordinal);
}
