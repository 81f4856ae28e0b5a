using Akademia.Webhooks.Grains.Persistence;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Akademia.Webhooks.Grains.Hosting;

public static class StorageHosting
{
    /// <summary>
    /// Registers the platform's grain storage (<see cref="StorageNames.Webhooks"/> and
    /// <see cref="StorageNames.Large"/>) and the reminder service on the selected backend. Azure Tables
    /// reads its settings from the silo's configuration (section <c>AzureTables</c>).
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
                LargeStatesInTheSameStore(silo.Services);
                break;
            case StorageMode.Redis:
                var redis = RedisConnection.Options(redisConnectionString);
                silo.AddRedisGrainStorage(StorageNames.Webhooks, o => o.ConfigurationOptions = redis);
                silo.Services.UseRedisReminderService(o => o.ConfigurationOptions = redis);
                silo.Services.AddStoredTypeNames();
                LargeStatesInTheSameStore(silo.Services);
                break;
            case StorageMode.AzureTables:
                AddAzureStorage(silo);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown storage mode.");
        }

        silo.Services.AddSingleton<Health.StorageOutageSignal>();
        silo.Services.AddSingleton<IIncomingGrainCallFilter, StorageUnavailableFilter>();
        return silo;
    }

    /// <summary>
    /// The official Orleans Azure providers. A table entity is capped near 1 MiB and the table storage
    /// does not spill to blobs, so the grains whose state has no bound yet (<see cref="StorageNames.Large"/>)
    /// keep it in blobs. Both serialize with the registered <see cref="IGrainStorageSerializer"/>
    /// (JSON with <see cref="StoredTypeNameBinder"/>), as Redis does.
    /// </summary>
    private static void AddAzureStorage(ISiloBuilder silo)
    {
        silo.Services.AddValidatedOptions<AzureTablesOptions, AzureTablesOptionsValidator>(silo.Configuration, AzureTablesOptions.Section);
        silo.AddAzureTableGrainStorage(StorageNames.Webhooks, (OptionsBuilder<AzureTableStorageOptions> o) => o.Configure<IOptions<AzureTablesOptions>>((table, azure) =>
        {
            table.TableServiceClient = azure.Value.CreateTableClient();
            table.TableName = azure.Value.StateTable;
        }));
        silo.AddAzureBlobGrainStorage(StorageNames.Large, (OptionsBuilder<AzureBlobStorageOptions> o) => o.Configure<IOptions<AzureTablesOptions>>((blob, azure) =>
        {
            blob.BlobServiceClient = azure.Value.CreateBlobClient();
            blob.ContainerName = azure.Value.BlobContainer;
        }));
        silo.UseAzureTableReminderService((OptionsBuilder<Orleans.Reminders.AzureStorage.AzureTableReminderStorageOptions> o) => o.Configure<IOptions<AzureTablesOptions>>((reminders, azure) =>
        {
            reminders.TableServiceClient = azure.Value.CreateTableClient();
            reminders.TableName = azure.Value.ReminderTable;
        }));
        silo.Services.AddStoredTypeNames();
    }

    // One store holds everything on these backends: the second name is the first provider, so
    // nothing about where a state lives (or what a test wraps around the provider) depends on it.
    private static void LargeStatesInTheSameStore(IServiceCollection services) =>
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Large, (sp, _) => sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.Webhooks));
}
