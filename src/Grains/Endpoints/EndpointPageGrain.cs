namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// One page of an application's endpoint directory: at most <see cref="Capacity"/> endpoints, so that
/// no endpoint change rewrites more than one bounded page however many endpoints the application has.
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
        var items = state.State.Items;
        if (Array.FindIndex(items, e => e.Id == endpoint.Id) >= 0)
        {
            await UpdateAsync(endpoint);
            return true;
        }

        if (items.Length >= Capacity)
        {
            return false;
        }

        await WriteAsync(state.State with { Items = [.. items, endpoint] });
        return true;
    }

    public async Task UpdateAsync(EndpointDetails endpoint)
    {
        var items = state.State.Items;
        var index = Array.FindIndex(items, e => e.Id == endpoint.Id);
        if (index < 0 || items[index].UpdatedAt > endpoint.UpdatedAt)
        {
            return;
        }

        var next = (EndpointDetails[])items.Clone();
        next[index] = endpoint;
        await WriteAsync(state.State with { Items = next });
    }

    public Task<EndpointDetails[]> ReadAsync() => Task.FromResult(state.State.Items);

    private async Task WriteAsync(EndpointPageState next)
    {
        var stored = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // A page never lists what it did not store: the endpoint's repair sends the change again.
            state.State = stored;
            throw;
        }
    }
}
