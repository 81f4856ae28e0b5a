namespace Akademia.Webhooks.Grains.ApiKeys;

/// <summary>One page of the key directory. Its state is bounded (<see cref="Capacity"/> keys), so no write grows with the number of keys.</summary>
[GrainType("api-key-page")]
public sealed class ApiKeyPageGrain(
    [PersistentState("api-key-page", StorageNames.Webhooks)] IPersistentState<ApiKeyPageState> state)
    : Grain, IApiKeyPageGrain
{
    /// <summary>Keys per page: one listing page of the largest limit spans at most two.</summary>
    public const int Capacity = 100;

    public async Task<bool> TryAddAsync(ApiKeyDetails key)
    {
        var keys = state.State.Keys;
        var at = keys.FindIndex(k => k.Id == key.Id);
        if (at < 0 && keys.Count >= Capacity)
        {
            return false;
        }

        List<ApiKeyDetails> updated = [.. keys];
        if (at < 0)
        {
            updated.Add(key);
        }
        else
        {
            updated[at] = key;
        }

        state.State = state.State with { Keys = updated };
        await state.WriteStateAsync();
        return true;
    }

    public async Task UpdateAsync(ApiKeyDetails key)
    {
        var at = state.State.Keys.FindIndex(k => k.Id == key.Id);
        if (at >= 0)
        {
            List<ApiKeyDetails> updated = [.. state.State.Keys];
            updated[at] = key;
            state.State = state.State with { Keys = updated };
            await state.WriteStateAsync();
        }
    }

    public Task<(ApiKeyDetails[] Keys, int Count)> ReadAsync(int? before, int limit)
    {
        var keys = state.State.Keys;
        var end = Math.Min(before ?? keys.Count, keys.Count);
        var start = Math.Max(0, end - limit);
        ApiKeyDetails[] page = [.. keys.Skip(start).Take(end - start).Reverse()];
        return Task.FromResult((page, keys.Count));
    }
}
