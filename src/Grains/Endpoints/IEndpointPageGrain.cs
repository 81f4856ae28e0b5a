namespace Akademia.Webhooks.Grains.Endpoints;

// Silo-internal: one page of an application's endpoint directory; the key is {applicationId}/{page}.
[Alias("akademia.internal.IEndpointPageGrain")]
public interface IEndpointPageGrain : IGrainWithStringKey
{
    /// <summary>Appends the endpoint, or replaces it when listed here already; false when the page is full and it is not on it.</summary>
    [Alias("TryAddAsync")]
    Task<bool> TryAddAsync(EndpointDetails endpoint);

    /// <summary>Replaces the endpoint's record on this page, if listed here; an older record never replaces a newer one.</summary>
    [Alias("UpdateAsync")]
    Task UpdateAsync(EndpointDetails endpoint);

    [Alias("ReadAsync"), ReadOnly]
    Task<EndpointDetails[]> ReadAsync();
}
