using System.Globalization;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Monitoring;

namespace Akademia.Webhooks.Grains.DeadLetters;

[Alias("akademia.internal.IDeadLetterArchiveGrain")]
public interface IDeadLetterArchiveGrain : IGrainWithStringKey
{
    /// <summary>Stores the entry unless it exists; repeats are harmless.</summary>
    [Alias("ArchiveAsync")]
    Task ArchiveAsync(DeadLetterEntry entry);
}

[GenerateSerializer, Alias("akademia.DeadLetterState")]
public sealed record DeadLetterState
{
    [Id(0)] public DeadLetterEntry? Entry { get; init; }
}

[GrainType("dead-letter")]
public sealed class DeadLetterGrain(
    [PersistentState("dead-letter", StorageNames.Webhooks)] IPersistentState<DeadLetterState> state,
    TimeProvider time)
    : Grain, IDeadLetterGrain, IDeadLetterArchiveGrain
{
    private IDeadLetterIndexGrain Index => GrainFactory.GetGrain<IDeadLetterIndexGrain>(IDeadLetterQueueGrain.Key);

    public async Task ArchiveAsync(DeadLetterEntry entry)
    {
        if (state.State.Entry is null)
        {
            state.State = state.State with { Entry = entry };
            await state.WriteStateAsync();
            WebhookMetrics.DeadLetters.Add(1);
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

        var now = time.GetUtcNow();
        var deleted = entry with { DeletedAt = now, UpdatedAt = now };
        state.State = state.State with { Entry = deleted };
        await state.WriteStateAsync();
        WebhookMetrics.DeadLetters.Add(-1);
        await Index.UpsertAsync(DeadLetterSummary.Of(deleted));
        return deleted;
    }

    public async Task<ReplayResult> ReplayAsync()
    {
        var entry = state.State.Entry ?? throw NotFound();
        var endpoint = await GrainFactory.GetGrain<IWebhookEndpointGrain>(entry.WebhookConfigId).GetAsync()
            ?? throw new WebhookPlatformException(ErrorCodes.Conflict, $"Endpoint '{entry.WebhookConfigId}' was deleted; the entry cannot be replayed.");

        var replay = entry.ReplayCount + 1;
        var deliveryId = string.Create(CultureInfo.InvariantCulture, $"{WebhookIds.DeliveryId(entry.EventId, endpoint.Id)}:replay-{replay}");
        await GrainFactory.GetGrain<IDeliveryWorkerGrain>(deliveryId).ScheduleAsync(new DeliverySchedule
        {
            EventId = entry.EventId,
            EndpointId = endpoint.Id,
            EventType = entry.EventType,
            WebhookId = WebhookIds.DeliveryId(entry.EventId, endpoint.Id),
        });

        var now = time.GetUtcNow();
        state.State = state.State with
        {
            Entry = entry with { ReplayedAt = now, ReplayDeliveryId = deliveryId, ReplayCount = replay, UpdatedAt = now },
        };
        await state.WriteStateAsync();
        return new ReplayResult(entry.Id, true, deliveryId);
    }

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Dead-letter entry '{this.GetPrimaryKeyString()}' not found.");
}
