using Akademia.Webhooks.Grains.Paging;
using Akademia.Webhooks.Grains.Persistence;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// The subscription index and endpoint list of one application (the key is the application id), so
/// that neither a publish nor a listing reads every endpoint grain. Endpoint grains push their summary
/// here after each change. The list is stored as chained pages (<see cref="EndpointPageGrain"/>) in
/// creation order: a change rewrites one page, this grain's own state (the number of the page being
/// filled) is written once per <see cref="EndpointPageGrain.Capacity"/> creations. The subscriptions
/// are answered from memory, loaded from the pages once per activation: publishes vastly outnumber
/// endpoint changes. A directory stored whole before pages existed is folded into them on activation.
/// </summary>
[GrainType("endpoint-directory")]
public sealed class EndpointDirectoryGrain(
    [PersistentState("endpoint-directory", StorageNames.Large)] IPersistentState<EndpointDirectoryState> state)
    : Grain, IEndpointDirectoryGrain, IEndpointDirectoryInternalGrain
{
    /// <summary>Stored pages one listing reads at most: a run of deleted endpoints cannot make one call unbounded.</summary>
    public const int MaxPagesPerListing = 10;

    /// <summary>Pages read at once while loading the directory into memory.</summary>
    private const int LoadParallelism = 32;

    // Every listed endpoint and its page, in creation order; null until first needed.
    private Dictionary<string, Listed>? _listed;
    private Task? _loading;
    private long _nextOrder;

    // Rebuilt lazily after a change.
    private Dictionary<string, string[]> _subscribersByType = new(StringComparer.Ordinal);

    private bool IsOpen => (this.GetPrimaryKeyString() == ApplicationIds.Default || state.State.Opened) && !state.State.Closed;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Endpoints.Count > 0)
        {
            await FoldAsync();
        }
    }

    public Task EnsureOpenAsync() => IsOpen ? Task.CompletedTask : throw NotFound();

    public async Task OpenAsync()
    {
        if (!state.State.Opened)
        {
            state.State = state.State with { Opened = true };
            await state.WriteStateAsync();
        }
    }

    public async Task<string[]> CloseAsync()
    {
        if (!state.State.Closed)
        {
            state.State = state.State with { Closed = true };
            await state.WriteStateAsync();
            _subscribersByType = new(StringComparer.Ordinal);
        }

        var listed = await LoadAsync();
        return [.. listed.Values.OrderBy(l => l.Order).Select(l => l.Endpoint).Where(e => e.DeletedAt is null).Select(e => e.Id)];
    }

    public async Task<EndpointPage> ListAsync(int limit, string? cursor)
    {
        var (page, offset) = CheckListing(limit, cursor);
        var (items, next) = await ChainedPageListing.ReadAsync(
            n => Page((int)n).ReadAsync(), state.State.LastPage, page, offset, limit, MaxPagesPerListing, e => e.DeletedAt is null);
        return new EndpointPage(items, next);
    }

    public async Task<EndpointHealthPage> ListHealthAsync(int limit, string? cursor)
    {
        var page = await ListAsync(limit, cursor);
        var health = await Task.WhenAll(page.Items.Select(e => HealthOrNullAsync(e.Id)));
        return new EndpointHealthPage(
            [.. health.OfType<EndpointHealth>().OrderBy(h => h.Score).ThenByDescending(h => h.ConsecutiveFailures).ThenBy(h => h.EndpointId, StringComparer.Ordinal)],
            page.NextCursor);
    }

    public Task UpsertAsync(EndpointDetails endpoint) => PlaceAsync(endpoint, repair: false);

    public Task RepairAsync(EndpointDetails endpoint) => PlaceAsync(endpoint, repair: true);

    public async Task<string[]> GetSubscribersAsync(string eventType)
    {
        if (!IsOpen)
        {
            throw NotFound();
        }

        if (!_subscribersByType.TryGetValue(eventType, out var subscribers))
        {
            var listed = await LoadAsync();
            subscribers = listed.Values
                .Where(l => l.Endpoint.Active && l.Endpoint.DeletedAt is null && l.Endpoint.Events.Any(t => t == eventType || t == EndpointRules.AllEvents))
                .OrderBy(l => l.Order)
                .Select(l => l.Endpoint.Id)
                .ToArray();
            _subscribersByType[eventType] = subscribers;
        }

        return subscribers;
    }

    private async Task PlaceAsync(EndpointDetails endpoint, bool repair)
    {
        var listed = await LoadAsync();
        if (listed.TryGetValue(endpoint.Id, out var known))
        {
            // A late, older summary must not overwrite a newer one; a repair of what is listed costs nothing.
            if (known.Endpoint.UpdatedAt > endpoint.UpdatedAt || (repair && known.Endpoint.UpdatedAt == endpoint.UpdatedAt))
            {
                return;
            }

            await Page(known.Page).UpdateAsync(endpoint);
            listed[endpoint.Id] = known with { Endpoint = endpoint };
        }
        else
        {
            var page = await AppendAsync(endpoint);
            listed[endpoint.Id] = new Listed(page, _nextOrder++, endpoint);
        }

        _subscribersByType = new(StringComparer.Ordinal);
    }

    private async Task<int> AppendAsync(EndpointDetails endpoint)
    {
        while (!await Page(state.State.LastPage).TryAddAsync(endpoint))
        {
            // Restored on failure: pages past the stored number would be unseen after a reactivation.
            await state.WriteOrRestoreAsync(state.State with { LastPage = state.State.LastPage + 1 });
        }

        return state.State.LastPage;
    }

    /// <summary>
    /// Moves a directory stored whole into pages, oldest first. Safe to repeat: endpoints already on a
    /// page are skipped, and the last page number is written as each page fills, so an interrupted fold
    /// resumes where it stopped.
    /// </summary>
    private async Task FoldAsync()
    {
        var listed = await LoadAsync();
        foreach (var endpoint in state.State.Endpoints.Values.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            if (!listed.ContainsKey(endpoint.Id))
            {
                var page = await AppendAsync(endpoint);
                listed[endpoint.Id] = new Listed(page, _nextOrder++, endpoint);
            }
        }

        state.State = state.State with { Endpoints = new(StringComparer.Ordinal) };
        await state.WriteStateAsync();
    }

    private async Task<Dictionary<string, Listed>> LoadAsync()
    {
        if (_listed is null)
        {
            // Interleaved read-only calls share one load; a failed one is tried again by the next call.
            try
            {
                await (_loading ??= ReadPagesAsync());
            }
            catch
            {
                _loading = null;
                throw;
            }
        }

        return _listed!;
    }

    private async Task ReadPagesAsync()
    {
        var listed = new Dictionary<string, Listed>(StringComparer.Ordinal);
        for (var first = 0; first <= state.State.LastPage; first += LoadParallelism)
        {
            var numbers = Enumerable.Range(first, Math.Min(LoadParallelism, state.State.LastPage - first + 1)).ToArray();
            var pages = await Task.WhenAll(numbers.Select(n => Page(n).ReadAsync()));
            for (var i = 0; i < pages.Length; i++)
            {
                for (var j = 0; j < pages[i].Length; j++)
                {
                    listed[pages[i][j].Id] = new Listed(numbers[i], ((long)numbers[i] * EndpointPageGrain.Capacity) + j, pages[i][j]);
                }
            }
        }

        _nextOrder = listed.Count == 0 ? 0 : listed.Values.Max(l => l.Order) + 1;
        _listed = listed;
    }

    private async Task<EndpointHealth?> HealthOrNullAsync(string endpointId)
    {
        try
        {
            return await GrainFactory.GetGrain<IEndpointGrain>(endpointId).GetHealthAsync();
        }
        catch (WebhookPlatformException e) when (e.Code == ErrorCodes.NotFound)
        {
            // Deleted since the page was read.
            return null;
        }
    }

    private static (int Page, int Offset) CheckListing(int limit, string? cursor)
    {
        var errors = new Dictionary<string, string>();
        if (FieldRules.CheckPageLimit(limit) is { } limitProblem)
        {
            errors["limit"] = limitProblem;
        }

        long page = 0;
        var offset = 0;
        if (cursor is not null && (!ChainedPageCursor.TryParse(cursor, out page, out offset) || page > int.MaxValue || offset >= EndpointPageGrain.Capacity))
        {
            errors["cursor"] = "is not a cursor this list answered";
        }

        FieldRules.ThrowIfAny(errors);
        return ((int)page, offset);
    }

    private IEndpointPageGrain Page(int number) => GrainFactory.GetGrain<IEndpointPageGrain>(EndpointPageKeys.Of(this.GetPrimaryKeyString(), number));

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Application '{this.GetPrimaryKeyString()}' not found.");

    /// <summary>Where an endpoint is listed: its page, its position in creation order, its last record.</summary>
    private sealed record Listed(int Page, long Order, EndpointDetails Endpoint);
}
