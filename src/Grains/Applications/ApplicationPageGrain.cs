using Akademia.Webhooks.Grains.Paging;
using Akademia.Webhooks.Grains.Persistence;

namespace Akademia.Webhooks.Grains.Applications;

/// <summary>
/// One page of the application list: at most <see cref="Capacity"/> records, so that no change rewrites
/// more than one bounded page however many applications there are. A page never lists what it did not store.
/// </summary>
[GrainType("application-page")]
public sealed class ApplicationPageGrain(
    [PersistentState("application-page", StorageNames.Webhooks)] IPersistentState<ApplicationPageState> state)
    : Grain, IApplicationPageGrain
{
    public const int Capacity = 100;

    public async Task<bool> TryAddAsync(Application application)
    {
        if (!ChainedPage.TryPlace(state.State.Items, application, a => a.Id, a => a.UpdatedAt, Capacity, out var next))
        {
            return false;
        }

        if (next is not null)
        {
            await state.WriteOrRestoreAsync(state.State with { Items = next });
        }

        return true;
    }

    public async Task UpdateAsync(Application application)
    {
        if (ChainedPage.Replace(state.State.Items, application, a => a.Id, a => a.UpdatedAt) is { } next)
        {
            await state.WriteOrRestoreAsync(state.State with { Items = next });
        }
    }

    public Task<Application[]> ReadAsync() => Task.FromResult(state.State.Items);
}
