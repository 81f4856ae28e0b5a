namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>A full, immutable page of an endpoint's delivery history.</summary>
[GrainType("delivery-log-segment")]
public sealed class DeliveryLogSegmentGrain(
    [PersistentState("delivery-log-segment", StorageNames.Webhooks)] IPersistentState<DeliveryLogSegmentState> state)
    : Grain, IDeliveryLogSegmentGrain
{
    public async Task SealAsync(DeliveryLogEntry[] entries)
    {
        state.State = state.State with { Entries = entries };
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    public async Task ClearAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new DeliveryLogSegmentState();
        DeactivateOnIdle();
    }

    public Task<DeliveryLogEntry[]> GetAsync() => Task.FromResult(state.State.Entries);
}
