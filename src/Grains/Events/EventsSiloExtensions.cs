using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Grains.Events;

public static class EventsSiloExtensions
{
    /// <summary>Publishing: idempotency settings (section <c>Idempotency</c>) the operational-event emitter and the cache of known event types.</summary>
    public static ISiloBuilder AddEvents(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddValidatedOptions<IdempotencyOptions, IdempotencyOptionsValidator>(configuration, IdempotencyOptions.Section);
        services.AddSingleton<OperationalEventEmitter>();
        services.AddSingleton<KnownEventTypes>();
        return silo;
    }
}
