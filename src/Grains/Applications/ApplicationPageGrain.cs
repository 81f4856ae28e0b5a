namespace Akademia.Webhooks.Grains.Applications;

/// <summary>
/// One page of the application list: at most <see cref="Capacity"/> records, so that no change rewrites
/// more than one bounded page however many applications there are.
/// </summary>
[GrainType("application-page")]
public sealed class ApplicationPageGrain(
    [PersistentState("application-page", StorageNames.Webhooks)] IPersistentState<ApplicationPageState> state)
    : Grain, IApplicationPageGrain
{
    public const int Capacity = 100;

    public async Task<bool> TryAddAsync(Application application)
    {
        var items = state.State.Items;
        if (Array.FindIndex(items, a => a.Id == application.Id) >= 0)
        {
            await UpdateAsync(application);
            return true;
        }

        if (items.Length >= Capacity)
        {
            return false;
        }

        await WriteAsync(state.State with { Items = [.. items, application] });
        return true;
    }

    public async Task UpdateAsync(Application application)
    {
        var items = state.State.Items;
        var index = Array.FindIndex(items, a => a.Id == application.Id);
        if (index < 0 || items[index].UpdatedAt > application.UpdatedAt)
        {
            return;
        }

        var next = (Application[])items.Clone();
        next[index] = application;
        await WriteAsync(state.State with { Items = next });
    }

    public Task<Application[]> ReadAsync() => Task.FromResult(state.State.Items);

    private async Task WriteAsync(ApplicationPageState next)
    {
        var stored = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // A page never lists what it did not store.
            state.State = stored;
            throw;
        }
    }
}
