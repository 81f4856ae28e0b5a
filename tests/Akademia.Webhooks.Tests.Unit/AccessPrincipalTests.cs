using System.Security.Claims;
using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Hosting;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>The principals the gateway makes of managed keys and portal tokens.</summary>
public sealed class AccessPrincipalTests
{
    private static ApiKeyDetails Key(string? applicationId) => new()
    {
        Id = "key_00112233445566778899aabbcc",
        Name = "lms",
        Role = Roles.Publisher,
        ApplicationId = applicationId,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void AScopedKeyCarriesItsApplicationAndIsAllowedThatOneOnly()
    {
        var user = new ClaimsPrincipal(ApiKeyHandler.IdentityOf(Key("app_a")));

        Assert.Equal("app_a", ApplicationAccess.ScopeOf(user));
        Assert.True(ApplicationAccess.Allows(user, "app_a"));
        Assert.False(ApplicationAccess.Allows(user, "app_b"));
        Assert.True(user.IsInRole(Roles.Publisher));
    }

    [Fact]
    public void AnUnscopedKeySpansAllApplicationsAndItsCallerScopeIsItsIdNotItsKey()
    {
        var user = new ClaimsPrincipal(ApiKeyHandler.IdentityOf(Key(null)));

        Assert.Null(ApplicationAccess.ScopeOf(user));
        Assert.True(ApplicationAccess.Allows(user, "app_b"));
        Assert.Equal("apikey_key_00112233445566778899aabbcc", user.FindFirst(ApiKeyHandler.CallerScopeClaim)!.Value);
    }

    [Fact]
    public void APortalTokenIsAReaderWithThePortalRoleOfOneApplicationAndNothingMore()
    {
        var user = new ClaimsPrincipal(ApiKeyHandler.IdentityOf(new PortalGrant("app_a", DateTimeOffset.UnixEpoch)));

        Assert.Equal([Roles.Reader, Roles.Portal], user.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal("app_a", ApplicationAccess.ScopeOf(user));
        Assert.False(user.IsInRole(Roles.Publisher) || user.IsInRole(Roles.Admin));
    }
}
