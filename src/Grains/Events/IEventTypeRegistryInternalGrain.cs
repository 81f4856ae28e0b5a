namespace Akademia.Webhooks.Grains.Events;

[Alias("akademia.internal.IEventTypeCatalogGrain")]
public interface IEventTypeRegistryInternalGrain : IGrainWithStringKey
{
    [Alias("IsKnownAsync"), ReadOnly]
    Task<bool> IsKnownAsync(string name);

    [Alias("GetKnownAsync"), ReadOnly]
    Task<string[]> GetKnownAsync(string[] names);
}
