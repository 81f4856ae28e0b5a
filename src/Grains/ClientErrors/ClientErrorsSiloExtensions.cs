using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;

namespace Akademia.Webhooks.Grains.ClientErrors;

public static class ClientErrorsSiloExtensions
{
    /// <summary>The client-error log'\''s settings (section <c>ClientErrors</c>).</summary>
    public static ISiloBuilder AddClientErrors(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddValidatedOptions<ClientErrorOptions, ClientErrorOptionsValidator>(configuration, ClientErrorOptions.Section);
        return silo;
    }
}
