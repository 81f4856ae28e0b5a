using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Grains.Events;

public static class EventsSiloExtensions
{
    /// <summary>Publishing: idempotency settings (section <c>Idempotency</c>) and the operational-event emitter.</summary>
    public static ISiloBuilder AddEvents(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddValidatedOptions<IdempotencyOptions, IdempotencyOptionsValidator>(configuration, IdempotencyOptions.Section);
        services.AddSingleton<OperationalEventEmitter>();
        return silo;
    }
}
