namespace Akademia.Webhooks.Grains.Endpoints;

// Silo-internal grain interfaces: they are public only because Orleans' code generator needs them to
// be; they are not part of the Grains.Abstractions contract and may change between versions.

[Alias("akademia.internal.IEndpointIndexGrain")]
public interface IEndpointDirectoryInternalGrain : IGrainWithStringKey
{
    [Alias("UpsertAsync")]
    Task UpsertAsync(EndpointDetails endpoint);

    /// <summary>Ids of the active, undeleted endpoints subscribed to <paramref name="eventType"/>.</summary>
    [Alias("GetSubscribersAsync"), ReadOnly]
    Task<string[]> GetSubscribersAsync(string eventType);
}
