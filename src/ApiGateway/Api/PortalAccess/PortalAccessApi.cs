using Akademia.Webhooks.ApiGateway.Api.Applications;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.PortalAccess;

/// <summary>
/// Portal access to one application, at <c>/api/apps/{appId}/portal-access</c>: an admin key, either
/// one spanning all applications or one scoped to this application. Any other application answers
/// 404, as if it did not exist.
/// </summary>
internal static class PortalAccessApi
{
    public static RouteGroupBuilder MapPortalAccessApi(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/api/apps/{appId}/portal-access").WithTags("Portal access").RequireAuthorization(Policies.Admin)
            .AddEndpointFilter(ApplicationScope.ExistingApplicationOnly);
        portal.MapPost("/", IssuePortalToken);
        portal.MapPost("/revoke", RevokePortalTokens);
        return portal;
    }

    /// <summary>
    /// A short-lived signed token (15 minutes by default, <c>PortalAccess:TokenLifetime</c>) that reads the
    /// application and manages its endpoints, and may neither publish nor administer.
    /// </summary>
    public static async Task<Ok<ApiSuccess<PortalToken>>> IssuePortalToken(string appId, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IPortalAccessGrain>(appId).IssueAsync());

    /// <summary>
    /// Stops every portal token of the application issued so far; gateways refuse them within
    /// <c>AuthCache:MaxAge</c> (30 s by default).
    /// </summary>
    public static async Task<Ok<ApiSuccess<PortalRevocation>>> RevokePortalTokens(string appId, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IPortalAccessGrain>(appId).RevokeAsync());
}
