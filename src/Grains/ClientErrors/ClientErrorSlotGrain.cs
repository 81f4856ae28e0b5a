namespace Akademia.Webhooks.Grains.ClientErrors;

/// <summary>
/// A slot of the client-error ring, stored on its own, so that recording a report writes that report
/// and nothing else. The ring reuses slots: report <c>n</c> goes to slot <c>n mod capacity</c>.
/// </summary>
[GrainType("client-error-slot")]
public sealed class ClientErrorSlotGrain(
    [PersistentState("client-error", StorageNames.Webhooks)] IPersistentState<ClientErrorSlotState> state)
    : Grain, IClientErrorSlotGrain
{
    public async Task StoreAsync(long sequence, ClientError error)
    {
        var previous = state.State;
        state.State = new ClientErrorSlotState { Sequence = sequence, Error = error };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        // Reports are written once and read rarely: do not keep up to 28 KB in memory per slot.
        DeactivateOnIdle();
    }

    public Task<ClientError?> GetAsync(long sequence) =>
        Task.FromResult(state.State.Sequence == sequence ? state.State.Error : null);
}
