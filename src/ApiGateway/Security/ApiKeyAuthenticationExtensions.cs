using Akademia.Webhooks.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Akademia.Webhooks.ApiGateway.Security;

internal static class ApiKeyAuthenticationExtensions
{
    public static WebApplicationBuilder AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(builder.Configuration, AuthOptions.Section);
        builder.Services.AddValidatedOptions<AuthCacheOptions, AuthCacheOptionsValidator>(builder.Configuration, AuthCacheOptions.Section);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.TryAddKeyedSingleton(CredentialLookup.ClockKey, (services, _) => services.GetRequiredService<TimeProvider>());
        builder.Services.AddSingleton<CredentialLookup>();
        builder.Services.AddAuthentication(ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.Admin, Roles.Publisher, Roles.Reader))
            .AddPolicy(Policies.Publish, p => p.RequireRole(Roles.Admin, Roles.Publisher))
            .AddPolicy(Policies.ManageEndpoints, p => p.RequireRole(Roles.Admin, Roles.Publisher, Roles.Portal))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            // A scoped admin key must not mint keys: it could give itself every application.
            .AddPolicy(Policies.ClusterAdmin, p => p.RequireRole(Roles.Admin).RequireAssertion(c => ApplicationAccess.ScopeOf(c.User) is null));
        return builder;
    }
}
