using Akademia.Webhooks.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// Faults a test arms on grain writes: before each write, <see cref="BeforeWrite"/> may throw or wait
/// (a slow or failing store for some states, which a real server cannot produce on demand).
/// </summary>
public sealed class StorageFaults
{
    private volatile Func<string, GrainId, Task>? _beforeWrite;

    /// <summary>Called with the state name and grain before each write; null: no fault.</summary>
    public Func<string, GrainId, Task>? BeforeWrite
    {
        get => _beforeWrite;
        set => _beforeWrite = value;
    }
}

/// <summary>The platform's grain storage with <see cref="StorageFaults"/> applied to writes; reads and clears pass through.</summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (faults.BeforeWrite is { } fault)
        {
            await fault(stateName, grainId);
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    /// <summary>Wraps the registered <see cref="StorageNames.Webhooks"/> storage (which the large states share off Azure).</summary>
    public static void Wrap(IServiceCollection services, StorageFaults faults)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Webhooks));
        var factory = registered.KeyedImplementationFactory!;
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Webhooks, (sp, key) => new FaultInjectingGrainStorage((IGrainStorage)factory(sp, key), faults));
    }
}
