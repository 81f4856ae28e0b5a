using Akademia.Webhooks.Grains.Storage;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Akademia.Webhooks.Grains.Hosting;

public static class StorageHosting
{
    /// <summary>
    /// Registers the platform's grain storage (<see cref="StorageNames.Webhooks"/>) and the reminder
    /// service on the selected backend. Azure Tables reads its settings from the silo's
    /// configuration (section <c>AzureTables</c>).
    /// </summary>
    public static ISiloBuilder AddWebhookStorage(this ISiloBuilder silo, StorageMode mode, string? redisConnectionString)
    {
        switch (mode)
        {
            case StorageMode.Memory:
                silo.AddMemoryGrainStorage(StorageNames.Webhooks);
                // Memory storage keeps nothing across restarts, so no stored format has to stay
                // readable: it uses Orleans' binary serializer instead of the default Newtonsoft JSON
                // (with type names and references), which the benchmark found to take about a
                // quarter of the silo's CPU per delivery. Redis storage keeps JSON: its data outlives
                // the process.
                silo.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.Webhooks)
                    .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
                silo.UseInMemoryReminderService();
                break;
            case StorageMode.Redis:
                var redis = RedisConnection.Options(redisConnectionString);
                silo.AddRedisGrainStorage(StorageNames.Webhooks, o => o.ConfigurationOptions = redis);
                silo.Services.UseRedisReminderService(o => o.ConfigurationOptions = redis);
                silo.Services.AddStoredTypeNames();
                break;
            case StorageMode.AzureTables:
                silo.AddAzureTablesStorage(StorageNames.Webhooks);
                silo.Services.AddStoredTypeNames();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown storage mode.");
        }

        silo.Services.AddSingleton<Health.StorageOutageSignal>();
        silo.Services.AddSingleton<IIncomingGrainCallFilter, StorageUnavailableFilter>();
        return silo;
    }
}
