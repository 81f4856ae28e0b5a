using Akademia.Webhooks.Grains.Paging;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.Applications;

/// <summary>
/// The application list as chained pages (<see cref="ApplicationPageGrain"/>), in creation order. This
/// grain keeps only the number of the page being filled, written once per <see cref="ApplicationPageGrain.Capacity"/>
/// creations; a listing reads the pages from its cursor on. Chained pages rather than hash shards:
/// a shard grows with the number of applications, a page never does, and creation order gives a
/// stable cursor without sorting.
/// </summary>
[GrainType("application-directory")]
public sealed class ApplicationDirectoryGrain(
    [PersistentState("application-directory", StorageNames.Webhooks)] IPersistentState<ApplicationDirectoryState> state)
    : Grain, IApplicationDirectoryGrain, IApplicationDirectoryInternalGrain
{
    /// <summary>Stored pages one listing reads at most: a run of deleted applications cannot make one call unbounded.</summary>
    public const int MaxPagesPerListing = 10;

    public async Task<int> AddAsync(Application application)
    {
        while (!await Page(state.State.LastPage).TryAddAsync(application))
        {
            state.State = state.State with { LastPage = state.State.LastPage + 1 };
            await state.WriteStateAsync();
        }

        return state.State.LastPage;
    }

    public async Task<ApplicationPage> ListAsync(int limit, string? cursor)
    {
        var errors = new Dictionary<string, string>();
        if (FieldRules.CheckPageLimit(limit) is { } limitProblem)
        {
            errors["limit"] = limitProblem;
        }

        var page = 0;
        var offset = 0;
        if (cursor is not null && !ApplicationRules.TryParseCursor(cursor, out page, out offset))
        {
            errors["cursor"] = "is not a cursor this list answered";
        }

        FieldRules.ThrowIfAny(errors);

        var items = new List<Application>(limit);
        if (cursor is null && await GrainFactory.GetGrain<IApplicationGrain>(ApplicationIds.Default).GetAsync() is { } defaultApplication)
        {
            items.Add(defaultApplication);
        }

        var (listed, next) = await ChainedPageListing.ReadAsync(
            number => Page((int)number).ReadAsync(), state.State.LastPage, page, offset, limit, MaxPagesPerListing, a => a.DeletedAt is null, items);
        return new ApplicationPage(listed, next);
    }

    private IApplicationPageGrain Page(int number) => GrainFactory.GetGrain<IApplicationPageGrain>(number);
}
