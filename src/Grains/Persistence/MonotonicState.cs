namespace Akademia.Webhooks.Grains.Persistence;

/// <summary>
/// Writes that never let state go backwards. Orleans can briefly run two activations of a grain
/// while membership settles; when the other one wrote first (an ETag conflict), the stored state is
/// reloaded and kept if it is at least as far along, otherwise ours is written over it.
/// </summary>
internal static class MonotonicState
{
    public static async Task WriteAsync<T>(IPersistentState<T> state, T desired, Func<T, T, bool> storedIsAtLeastAsFarAs)
    {
        state.State = desired;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            if (state.RecordExists && storedIsAtLeastAsFarAs(state.State, desired))
            {
                return;
            }

            state.State = desired;
            await state.WriteStateAsync();
        }
    }
}
