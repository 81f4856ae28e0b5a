using Akademia.Webhooks.Grains.Hosting;

namespace Akademia.Webhooks.Grains.Health;

[GenerateSerializer, Alias("akademia.StorageProbeState")]
public sealed record StorageProbeState
{
    [Id(0)] public DateTimeOffset CheckedAt { get; init; }
}

/// <summary>
/// Proves that grain storage accepts writes by making one. Any provider, same check.
/// </summary>
/// <remarks>The reminder table is read as well: it has a connection of its own, and publishing needs both.</remarks>
[GrainType("storage-probe")]
public sealed class StorageProbeGrain(
    [PersistentState("storage-probe", StorageNames.Webhooks)] IPersistentState<StorageProbeState> state,
    IReminderTable reminders,
    TimeProvider time)
    : Grain, IStorageProbeGrain
{
    public async Task<ComponentHealth> CheckAsync()
    {
        try
        {
            state.State = state.State with { CheckedAt = time.GetUtcNow() };
            await state.WriteStateAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException || StorageUnavailableFilter.IsStorageOutage(ex))
        {
            // A failed write leaves the in-memory ETag unknown: start afresh next time.
            DeactivateOnIdle();
            return new ComponentHealth("unhealthy", "grain storage rejects writes");
        }

        try
        {
            await reminders.ReadRow(this.GetGrainId(), "probe").WaitAsync(TimeSpan.FromSeconds(5));
            return new ComponentHealth("healthy", null);
        }
        catch (Exception ex) when (ex is TimeoutException || StorageUnavailableFilter.IsStorageOutage(ex))
        {
            return new ComponentHealth("unhealthy", "the reminder table cannot be read");
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            return new ComponentHealth("healthy", null);
        }
    }
}
