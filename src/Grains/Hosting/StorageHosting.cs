using Akademia.Webhooks.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using StackExchange.Redis;

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
                var redis = RedisOptions(redisConnectionString);
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

    /// <summary>
    /// Redis connection settings for the platform: keep retrying in the background rather than fail
    /// start-up, and fail operations quickly while Redis is away, so callers get a 503 promptly.
    /// </summary>
    public static ConfigurationOptions RedisOptions(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("A Redis connection string is required when Redis is selected (Cluster:RedisConnectionString).");
        }

        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        // While Redis is away, fail at once instead of queueing commands until they time out.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 5000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 5000);
        return options;
    }
}
