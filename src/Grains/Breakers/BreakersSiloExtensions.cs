using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;

namespace Akademia.Webhooks.Grains.Breakers;

public static class BreakersSiloExtensions
{
    /// <summary>The per-URL circuit breakers' settings (section <c>CircuitBreaker</c>).</summary>
    public static ISiloBuilder AddBreakers(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddValidatedOptions<CircuitBreakerOptions, CircuitBreakerOptionsValidator>(configuration, CircuitBreakerOptions.Section);
        return silo;
    }
}
