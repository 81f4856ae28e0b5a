using System.Collections.Concurrent;
using System.Text.Json;
using Akademia.Webhooks.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>Writes to grain storage per grain type, and their size as JSON (what Redis and Azure Tables store).</summary>
public sealed class StorageWriteCounter
{
    private readonly ConcurrentDictionary<string, (long Writes, long Bytes)> _byGrainType = new(StringComparer.Ordinal);

    public void Record(string grainType, long bytes) =>
        _byGrainType.AddOrUpdate(grainType, (1, bytes), (_, c) => (c.Writes + 1, c.Bytes + bytes));

    public (long Writes, long Bytes) Of(string grainType) => _byGrainType.GetValueOrDefault(grainType);

    public IReadOnlyDictionary<string, long> Snapshot() => _byGrainType.ToDictionary(e => e.Key, e => e.Value.Writes, StringComparer.Ordinal);
}

/// <summary>The platform's grain storage with every write counted; reads and clears pass through.</summary>
public sealed class CountingGrainStorage(IGrainStorage inner, StorageWriteCounter counter) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        counter.Record(grainId.Type.ToString()!, JsonSerializer.SerializeToUtf8Bytes(grainState.State).Length);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}

/// <summary>Wraps the registered <see cref="StorageNames.Webhooks"/> storage in a <see cref="CountingGrainStorage"/>.</summary>
public static class CountingStorageSiloConfigurator
{
    public static void Wrap(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Webhooks));
        var factory = registered.KeyedImplementationFactory!;
        services.AddSingleton<StorageWriteCounter>();
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Webhooks, (sp, key) =>
            new CountingGrainStorage((IGrainStorage)factory(sp, key), sp.GetRequiredService<StorageWriteCounter>()));
    }
}
