using System.Globalization;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Monitoring;

namespace Akademia.Webhooks.Grains.DeadLetters;

[GrainType("dead-letter")]
public sealed class DeadLetterGrain(
    [PersistentState("dead-letter", StorageNames.Webhooks)] IPersistentState<DeadLetterState> state,
    PlatformInstruments instruments,
    TimeProvider timeProvider)
    : Grain, IDeadLetterGrain, IDeadLetterInternalGrain
{
    private IDeadLetterQueueInternalGrain Index => GrainFactory.GetGrain<IDeadLetterQueueInternalGrain>(IDeadLetterQueueGrain.Key);

    public async Task ArchiveAsync(DeadLetterEntry entry)
    {
        if (state.State.Entry is null)
        {
            state.State = state.State with { Entry = entry };
            await state.WriteStateAsync();
            instruments.DeadLetterArchived();
        }

        // Indexed after the entry is stored, and again on a repeat, so the index never lists an
        // entry that does not exist and never misses one that does.
        await Index.UpsertAsync(DeadLetterSummary.Of(state.State.Entry!));
    }

    public Task<DeadLetterEntry?> GetAsync() => Task.FromResult(state.State.Entry);

    public async Task<DeadLetterEntry> DeleteAsync()
    {
        if (state.State.Entry is not { DeletedAt: null } entry)
        {
            throw NotFound();
        }

        var now = timeProvider.GetUtcNow();
        var deleted = entry with { DeletedAt = now, UpdatedAt = now };
        state.State = state.State with { Entry = deleted };
        await state.WriteStateAsync();
        instruments.DeadLetterDeleted();
        await Index.UpsertAsync(DeadLetterSummary.Of(deleted));
        return deleted;
    }

    public async Task<ReplayResult> ReplayAsync()
    {
        var entry = state.State.Entry ?? throw NotFound();
        var endpoint = await GrainFactory.GetGrain<IEndpointGrain>(entry.EndpointId).GetAsync()
            ?? throw new WebhookPlatformException(ErrorCodes.Conflict, $"Endpoint '{entry.EndpointId}' was deleted; the entry cannot be replayed.");

        var replay = entry.ReplayCount + 1;
        var deliveryId = string.Create(CultureInfo.InvariantCulture, $"{PlatformIds.DeliveryId(entry.EventId, endpoint.Id)}:replay-{replay}");
        await GrainFactory.GetGrain<IDeliveryInternalGrain>(deliveryId).ScheduleAsync(new DeliverySchedule
        {
            EventId = entry.EventId,
            EndpointId = endpoint.Id,
            EventType = entry.EventType,
            ApplicationId = entry.ApplicationId,
            MessageId = PlatformIds.DeliveryId(entry.EventId, endpoint.Id),
        });

        var now = timeProvider.GetUtcNow();
        state.State = state.State with
        {
            Entry = entry with { ReplayedAt = now, ReplayDeliveryId = deliveryId, ReplayCount = replay, UpdatedAt = now },
        };
        await state.WriteStateAsync();
        return new ReplayResult(entry.Id, true, deliveryId);
    }

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Dead-letter entry '{this.GetPrimaryKeyString()}' not found.");
}
