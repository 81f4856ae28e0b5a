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
        var portal = app.MapGroup("/api/apps/{appId}/portal-access").WithTags("Portal access").RequireAuthorization(Policies.Admin);
        portal.MapPost("/", IssuePortalToken);
        portal.MapPost("/revoke", RevokePortalTokens);
        return portal;
    }

    /// <summary>
    /// A short-lived signed token (15 minutes by default, <c>PortalAccess:TokenLifetime</c>) that reads the
    /// application and manages its endpoints, and may neither publish nor administer.
    /// </summary>
    public static async Task<Results<Ok<ApiSuccess<PortalToken>>, JsonHttpResult<ApiError>>> IssuePortalToken(string appId, IGrainFactory grains, HttpContext context) =>
        await IsVisibleAsync(appId, grains, context)
            ? Envelope.Ok(context, await grains.GetGrain<IPortalAccessGrain>(appId).IssueAsync())
            : NoSuchApplication(appId, context);

    /// <summary>
    /// Stops every portal token of the application issued so far; gateways refuse them within
    /// <c>AuthCache:MaxAge</c> (30 s by default).
    /// </summary>
    public static async Task<Results<Ok<ApiSuccess<PortalRevocation>>, JsonHttpResult<ApiError>>> RevokePortalTokens(string appId, IGrainFactory grains, HttpContext context) =>
        await IsVisibleAsync(appId, grains, context)
            ? Envelope.Ok(context, await grains.GetGrain<IPortalAccessGrain>(appId).RevokeAsync())
            : NoSuchApplication(appId, context);

    private static async Task<bool> IsVisibleAsync(string appId, IGrainFactory grains, HttpContext context) =>
        ApplicationAccess.Allows(context.User, appId) && await ApplicationDirectory.ApplicationExists(grains, appId);

    private static JsonHttpResult<ApiError> NoSuchApplication(string appId, HttpContext context) =>
        Envelope.NotFound(context, $"Application '{appId}' not found.");
}
