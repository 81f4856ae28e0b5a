using Akademia.Webhooks.Grains.Security;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Grains.Endpoints;

public static class EndpointsSiloExtensions
{
    /// <summary>Endpoints: their policy (section <c>Endpoints</c>) and the encryption of their secrets at rest (section <c>Secrets</c>).</summary>
    public static ISiloBuilder AddEndpoints(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddValidatedOptions<EndpointPolicyOptions, EndpointPolicyOptionsValidator>(configuration, EndpointPolicyOptions.Section);
        services.AddValidatedOptions<SecretsOptions, SecretsOptionsValidator>(configuration, SecretsOptions.Section);
        services.AddSingleton<SecretProtector>();
        return silo;
    }
}
