using System.Security.Claims;
using Akademia.Webhooks.ApiGateway.Api.Applications;
using Akademia.Webhooks.ApiGateway.Security;
using Microsoft.AspNetCore.Http;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class ApplicationScopeTests
{
    [Fact]
    public void TheSpecificationsRoutesActOnDefault()
    {
        var context = Context(routeApplication: null, scope: null);

        Assert.Equal(ApplicationIds.Default, ApplicationScope.Of(context));
        Assert.True(ApplicationScope.Owns(context, ApplicationIds.Default));
        Assert.False(ApplicationScope.Owns(context, "school-a"));
        Assert.Equal("/api/webhooks/ep_1", ApplicationScope.Location(context, "webhooks/ep_1"));
    }

    [Fact]
    public void AnApplicationsRoutesOwnOnlyItsEntities()
    {
        var context = Context(routeApplication: "school-a", scope: null);

        Assert.True(ApplicationScope.Owns(context, "school-a"));
        Assert.False(ApplicationScope.Owns(context, ApplicationIds.Default));
        Assert.False(ApplicationScope.Sees(context, "school-b"));
        Assert.Equal("/api/apps/school-a/webhooks/ep_1", ApplicationScope.Location(context, "webhooks/ep_1"));
    }

    [Fact]
    public void TheAdminRoutesSeeEveryApplicationButAScopedCallersOnlyItsOwn()
    {
        Assert.True(ApplicationScope.Sees(Context(routeApplication: null, scope: null), "school-b"));
        Assert.True(ApplicationScope.Sees(Context(routeApplication: null, scope: "school-a"), "school-a"));
        Assert.False(ApplicationScope.Sees(Context(routeApplication: null, scope: "school-a"), "school-b"));
    }

    [Fact]
    public void AScopedCallerOwnsNothingOfAnotherApplicationEvenOnItsRoute()
    {
        var context = Context(routeApplication: "school-b", scope: "school-a");

        Assert.False(ApplicationScope.Owns(context, "school-b"));
        Assert.False(ApplicationScope.Owns(Context(routeApplication: null, scope: "school-a"), ApplicationIds.Default));
    }

    private static DefaultHttpContext Context(string? routeApplication, string? scope)
    {
        var context = new DefaultHttpContext();
        if (routeApplication is not null)
        {
            context.Request.RouteValues[ApplicationScope.RouteValue] = routeApplication;
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            scope is null ? [] : [new Claim(ApplicationAccess.ApplicationClaim, scope)], "test"));
        return context;
    }
}
