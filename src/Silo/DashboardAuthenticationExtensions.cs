using Akademia.Webhooks.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Silo;

internal static class DashboardAuthenticationExtensions
{
    /// <summary>Outside Development: admin keys are required, and at least one must be configured.</summary>
    public static WebApplicationBuilder AddDashboardAuthentication(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            return builder;
        }

        var auth = builder.Configuration.GetValidated<AuthOptions, AuthOptionsValidator>(AuthOptions.Section);
        if (!auth.ApiKeys.Any(k => k.Roles.Contains(Roles.Admin)))
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(AuthOptions),
                ["the dashboard needs at least one admin key in Auth:ApiKeys outside Development"]);
        }

        builder.Services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(builder.Configuration, AuthOptions.Section);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddAuthentication(DashboardAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, DashboardAuthenticationHandler>(DashboardAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DashboardAuthenticationHandler.AdminPolicy, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    public static RouteGroupBuilder RequireDashboardAdmin(this RouteGroupBuilder dashboard, IHostEnvironment environment) =>
        environment.IsDevelopment() ? dashboard : dashboard.RequireAuthorization(DashboardAuthenticationHandler.AdminPolicy);
}
