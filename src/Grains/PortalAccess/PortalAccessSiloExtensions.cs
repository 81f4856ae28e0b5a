using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Grains.PortalAccess;

public static class PortalAccessSiloExtensions
{
    /// <summary>Portal tokens: their lifetime (section <c>PortalAccess</c>) and their signing key, derived from <c>Secrets:EncryptionKey</c>.</summary>
    public static ISiloBuilder AddPortalAccess(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddValidatedOptions<PortalAccessOptions, PortalAccessOptionsValidator>(configuration, PortalAccessOptions.Section);
        silo.Services.AddSingleton<PortalTokenSigner>();
        return silo;
    }
}
