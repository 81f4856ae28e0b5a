namespace Akademia.Webhooks.Grains.Persistence;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes <paramref name="next"/>, and puts the previous state back when the write fails, so that
    /// the activation never answers with what it did not store (an index page listing a record its
    /// storage does not hold, a page number past the stored one).
    /// </summary>
    public static async Task WriteOrRestoreAsync<T>(this IPersistentState<T> state, T next)
    {
        var stored = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = stored;
            throw;
        }
    }
}
