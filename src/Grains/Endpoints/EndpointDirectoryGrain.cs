namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// The subscription index and endpoint list of one application (the key is the application id), so
/// that neither a publish nor a listing reads every endpoint grain. Endpoint grains push their summary
/// here after each change. The state under key <c>default</c>, written before applications existed,
/// is the default application's directory as it stands.
/// </summary>
[GrainType("endpoint-directory")]
public sealed class EndpointDirectoryGrain(
    [PersistentState("endpoint-directory", StorageNames.Large)] IPersistentState<EndpointDirectoryState> state)
    : Grain, IEndpointDirectoryGrain, IEndpointDirectoryInternalGrain
{
    // Rebuilt lazily after a change: publishes vastly outnumber endpoint changes.
    private Dictionary<string, string[]> _subscribersByType = new(StringComparer.Ordinal);

    private bool IsOpen => (this.GetPrimaryKeyString() == ApplicationIds.Default || state.State.Opened) && !state.State.Closed;

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

        return [.. state.State.Endpoints.Values.Where(e => e.DeletedAt is null).Select(e => e.Id)];
    }

    public Task<EndpointDetails[]> ListAsync() => Task.FromResult(
        state.State.Endpoints.Values
            .Where(e => e.DeletedAt is null)
            .OrderBy(e => e.CreatedAt)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToArray());

    public async Task<EndpointHealth[]> ListHealthAsync()
    {
        var endpoints = state.State.Endpoints.Values.Where(e => e.DeletedAt is null).Select(e => e.Id).ToList();
        var health = await Task.WhenAll(endpoints.Select(id => GrainFactory.GetGrain<IEndpointGrain>(id).GetHealthAsync()));
        return [.. health.OrderBy(h => h.Score).ThenByDescending(h => h.ConsecutiveFailures).ThenBy(h => h.EndpointId, StringComparer.Ordinal)];
    }

    public async Task UpsertAsync(EndpointDetails endpoint)
    {
        if (state.State.Endpoints.TryGetValue(endpoint.Id, out var known) && known.UpdatedAt > endpoint.UpdatedAt)
        {
            // A late, older summary must not overwrite a newer one.
            return;
        }

        var endpoints = new Dictionary<string, EndpointDetails>(state.State.Endpoints, StringComparer.Ordinal) { [endpoint.Id] = endpoint };
        state.State = state.State with { Endpoints = endpoints };
        await state.WriteStateAsync();
        _subscribersByType = new(StringComparer.Ordinal);
    }

    public Task<string[]> GetSubscribersAsync(string eventType)
    {
        if (!IsOpen)
        {
            throw NotFound();
        }

        if (!_subscribersByType.TryGetValue(eventType, out var subscribers))
        {
            subscribers = state.State.Endpoints.Values
                .Where(e => e.Active && e.DeletedAt is null && e.Events.Any(t => t == eventType || t == EndpointRules.AllEvents))
                .OrderBy(e => e.CreatedAt)
                .Select(e => e.Id)
                .ToArray();
            _subscribersByType[eventType] = subscribers;
        }

        return Task.FromResult(subscribers);
    }

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Application '{this.GetPrimaryKeyString()}' not found.");
}
