using Akademia.Webhooks.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace Akademia.Webhooks.ApiGateway.Security;

internal static class ApiKeyAuthenticationExtensions
{
    public static WebApplicationBuilder AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(builder.Configuration, AuthOptions.Section);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddAuthentication(ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.Admin, Roles.Publisher, Roles.Reader))
            .AddPolicy(Policies.Publish, p => p.RequireRole(Roles.Admin, Roles.Publisher))
            .AddPolicy(Policies.ManageEndpoints, p => p.RequireRole(Roles.Admin, Roles.Publisher))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        return builder;
    }
}
