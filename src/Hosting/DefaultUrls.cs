using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Akademia.Webhooks.Hosting;

public static class DefaultUrls
{
    /// <summary>
    /// Listens on <paramref name="url"/> unless an address was configured (ASPNETCORE_URLS, URLS,
    /// <c>--urls</c> or a <c>Urls</c> setting). Keeping the default out of appsettings.json is what
    /// lets ASPNETCORE_URLS move it: app settings would otherwise override the environment variable.
    /// </summary>
    public static WebApplicationBuilder ListenByDefaultOn(this WebApplicationBuilder builder, string url)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(url);
        }

        return builder;
    }
}
