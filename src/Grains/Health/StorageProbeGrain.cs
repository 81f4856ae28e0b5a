using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Grains.Monitoring;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace Akademia.Webhooks.Grains.Health;

/// <summary>
/// Proves that grain storage accepts writes by making one. Any provider, same check. The result
/// answers for <see cref="MonitorOptions.HealthProbeCacheDuration"/>: the grain is not reentrant, so
/// concurrent health checks wait for the one probe in flight and then share its result.
/// </summary>
/// <remarks>
/// The reminder table is read as well: it has a connection of its own, and publishing needs both.
/// Placed on the silo that first calls it: a silo's readiness probes under a key of its own, on itself.
/// </remarks>
[GrainType("storage-probe"), PreferLocalPlacement]
public sealed class StorageProbeGrain(
    [PersistentState("storage-probe", StorageNames.Webhooks)] IPersistentState<StorageProbeState> state,
    IReminderTable reminders,
    IOptions<MonitorOptions> options,
    StorageOutageSignal outages,
    TimeProvider timeProvider)
    : Grain, IStorageProbeGrain
{
    private ComponentHealth? _cached;
    private DateTimeOffset _probedAt;

    public async Task<ComponentHealth> CheckAsync()
    {
        var now = timeProvider.GetUtcNow();
        if (_cached is { } cached && now - _probedAt < options.Value.HealthProbeCacheDuration && outages.LastOutage < _probedAt)
        {
            return cached;
        }

        // Stamped with the probe's start: an outage seen while it runs makes the next check probe again.
        _cached = await ProbeAsync(now);
        _probedAt = now;
        return _cached;
    }

    private async Task<ComponentHealth> ProbeAsync(DateTimeOffset now)
    {
        try
        {
            state.State = state.State with { CheckedAt = now };
            await state.WriteStateAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException || StorageUnavailableFilter.IsStorageOutage(ex))
        {
            // A failed write leaves the in-memory ETag unknown: start afresh next time (the cached
            // result goes with the activation, so an outage is not cached either).
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
