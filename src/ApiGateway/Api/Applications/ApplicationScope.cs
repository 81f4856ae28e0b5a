using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Applications;

/// <summary>
/// The application a request acts on: the <c>{appId}</c> of a <c>/api/apps/{appId}/…</c> route, and
/// <see cref="ApplicationIds.Default"/> for the specification's routes, which share their handlers.
/// </summary>
internal static class ApplicationScope
{
    /// <summary>The route value naming the application.</summary>
    public const string RouteValue = "appId";

    /// <summary>The route's application, or null on a route outside <c>/api/apps/{appId}</c>.</summary>
    public static string? RouteApplication(HttpContext context) => context.Request.RouteValues[RouteValue] as string;

    /// <summary>The application the route acts on.</summary>
    public static string Of(HttpContext context) => RouteApplication(context) ?? ApplicationIds.Default;

    /// <summary>
    /// Whether an entity of <paramref name="applicationId"/> is reachable through this route: it belongs
    /// to the route's application and the caller may see that application.
    /// </summary>
    public static bool Owns(HttpContext context, string applicationId) =>
        applicationId == Of(context) && ApplicationAccess.Allows(context.User, applicationId);

    /// <summary>
    /// Like <see cref="Owns"/> under <c>/api/apps/{appId}</c>; on the admin routes, which span every
    /// application, only the caller's scope limits.
    /// </summary>
    public static bool Sees(HttpContext context, string applicationId) =>
        RouteApplication(context) is null ? ApplicationAccess.Allows(context.User, applicationId) : Owns(context, applicationId);

    /// <summary>
    /// For the specification's route groups, which act on the default application: a caller scoped to
    /// another application gets 404 there, as for any application outside its scope.
    /// </summary>
    public static ValueTask<object?> DefaultApplicationOnly(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        ApplicationAccess.Allows(invocation.HttpContext.User, ApplicationIds.Default)
            ? next(invocation)
            : ValueTask.FromResult<object?>(Envelope.NotFound(invocation.HttpContext, $"Application '{ApplicationIds.Default}' not found."));

    /// <summary>
    /// For the routes under <c>/api/apps/{appId}</c>: 404 in the envelope when the application does not
    /// exist, was deleted, or is outside the caller's scope, so a scoped caller cannot tell which.
    /// </summary>
    public static async ValueTask<object?> ExistingApplicationOnly(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var appId = Of(context);
        if (!ApplicationAccess.Allows(context.User, appId)
            || await context.RequestServices.GetRequiredService<ApplicationCache>().GetAsync(appId) is null)
        {
            return Envelope.NotFound(context, $"Application '{appId}' not found.");
        }

        return await next(invocation);
    }

    /// <summary>The location of a resource (<c>webhooks/{id}</c>) created through the route: under its application, or the specification's.</summary>
    public static string Location(HttpContext context, string resource) =>
        RouteApplication(context) is { } applicationId ? $"/api/apps/{Uri.EscapeDataString(applicationId)}/{resource}" : $"/api/{resource}";
}
