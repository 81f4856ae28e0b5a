using Akademia.Webhooks.Hosting;
using Microsoft.AspNetCore.Authentication;

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

        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var problems = auth.Validate().ToList();
        if (!auth.ApiKeys.Any(k => k.Roles.Contains(Roles.Admin)))
        {
            problems.Add("the dashboard needs at least one admin key in Auth:ApiKeys outside Development");
        }

        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException("Invalid 'Auth' configuration: " + string.Join("; ", problems));
        }

        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section));
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
