using Akademia.Webhooks.Grains.Paging;
using Akademia.Webhooks.Grains.Persistence;

namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// One page of an application's endpoint directory: at most <see cref="Capacity"/> endpoints, so that
/// no endpoint change rewrites more than one bounded page however many endpoints the application has.
/// A page never lists what it did not store: the endpoint's repair sends a failed change again.
/// </summary>
[GrainType("endpoint-page")]
public sealed class EndpointPageGrain(
    [PersistentState("endpoint-page", StorageNames.Webhooks)] IPersistentState<EndpointPageState> state)
    : Grain, IEndpointPageGrain
{
    /// <summary>Endpoints per page: about 600 bytes each as stored JSON, so a page stays near 60 KB.</summary>
    public const int Capacity = 100;

    public async Task<bool> TryAddAsync(EndpointDetails endpoint)
    {
        if (!ChainedPage.TryPlace(state.State.Items, endpoint, e => e.Id, e => e.UpdatedAt, Capacity, out var next))
        {
            return false;
        }

        if (next is not null)
        {
            await state.WriteOrRestoreAsync(state.State with { Items = next });
        }

        return true;
    }

    public async Task UpdateAsync(EndpointDetails endpoint)
    {
        if (ChainedPage.Replace(state.State.Items, endpoint, e => e.Id, e => e.UpdatedAt) is { } next)
        {
            await state.WriteOrRestoreAsync(state.State with { Items = next });
        }
    }

    public Task<EndpointDetails[]> ReadAsync() => Task.FromResult(state.State.Items);
}
