using System.Globalization;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.Retention;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.DeadLetters;

[GrainType("dead-letter")]
public sealed partial class DeadLetterGrain(
    [PersistentState("dead-letter", StorageNames.Webhooks)] IPersistentState<DeadLetterState> state,
    PlatformInstruments instruments,
    TimeProvider timeProvider,
    ILogger<DeadLetterGrain> logger)
    : Grain, IDeadLetterGrain, IDeadLetterInternalGrain, IRemindable
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A repair whose reminder could not be registered is taken up whenever the entry is next read.
        if (state.State.IndexPending)
        {
            await TryArmRepairAsync();
        }
    }

    public async Task ArchiveAsync(DeadLetterEntry entry)
    {
        if (state.State.Entry is null)
        {
            state.State = state.State with { Entry = entry };
            await state.WriteStateAsync();
            instruments.DeadLetterArchived();
        }

        // Indexed after the entry is stored, and again on a repeat, so the index never lists an
        // entry that does not exist; should the index not confirm, the repair lists it later.
        await IndexAsync();
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
        await IndexAsync();
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

        // The index learns of the first replay only: that is what a batch replay skips by.
        if (replay == 1)
        {
            await IndexAsync();
        }

        return new ReplayResult(entry.Id, true, deliveryId);
    }

    public async Task PurgeAsync()
    {
        if (state.State.Entry is not { } entry)
        {
            return;
        }

        // Off the index first: a purge that fails half-way leaves an entry that a retry purges again,
        // never a listing of an entry that is gone.
        await DeadLetterIndexing.ApplyAsync(GrainFactory, DeadLetterScopes.Of(DeadLetterSummary.Of(entry)), [DeadLetterChange.Remove(entry.Id, entry.FailedAt)]);
        var pending = state.State.IndexPending;
        await state.ClearStateAsync();
        state.State = new DeadLetterState();
        if (pending)
        {
            await DisarmRepairAsync();
        }
    }

    public async Task<int> ErasePayloadAsync() => await EraseCopyAsync() ?? 0;

    public async Task<DateTimeOffset?> ExpireAsync()
    {
        if (state.State.Entry is not { } entry)
        {
            DeactivateOnIdle();
            return null;
        }

        // The replays first, each a delivery and perhaps an entry of its own: the archive's counters
        // are not touched, so purged entries still count as archived.
        for (var replay = 1; replay <= entry.ReplayCount; replay++)
        {
            var replayId = EventRetention.ReplayId(entry.Id, replay);
            if (!await GrainFactory.GetGrain<IDeliveryInternalGrain>(replayId).PurgeIfSettledAsync())
            {
                return timeProvider.GetUtcNow() + RetentionSchedule.RetryLater;
            }

            await GrainFactory.GetGrain<IDeadLetterInternalGrain>(replayId).PurgeAsync();
        }

        await PurgeAsync();
        DeactivateOnIdle();
        return null;
    }

    public async Task<int?> EraseCopyAsync()
    {
        if (state.State.Entry is not { } entry)
        {
            return null;
        }

        if (entry.PayloadErasedAt is null)
        {
            var now = timeProvider.GetUtcNow();
            state.State = state.State with { Entry = entry with { Payload = string.Empty, PayloadErasedAt = now, UpdatedAt = now } };
            await state.WriteStateAsync();
        }

        return entry.ReplayCount;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadLetterIndexing.Repair.Name)
        {
            return;
        }

        if (state.State is { IndexPending: true, Entry: not null })
        {
            await IndexAsync();
            if (state.State.IndexPending)
            {
                return;
            }
        }

        await DisarmRepairAsync();
    }

    /// <summary>Tells every scope of the entry; on failure marks it for repair and answers normally (the entry itself is stored).</summary>
    private async Task IndexAsync()
    {
        var entry = state.State.Entry!;
        try
        {
            await DeadLetterIndexing.ApplyAsync(GrainFactory, DeadLetterScopes.Of(DeadLetterSummary.Of(entry)), [DeadLetterChange.Put(DeadLetterSummary.Of(entry))]);
        }
        catch (Exception ex)
        {
            LogIndexFailed(logger, entry.Id, ex.Message);
            if (!state.State.IndexPending)
            {
                state.State = state.State with { IndexPending = true };
                await state.WriteStateAsync();
            }

            await TryArmRepairAsync();
            return;
        }

        if (state.State.IndexPending)
        {
            state.State = state.State with { IndexPending = false };
            await state.WriteStateAsync();
            LogRepaired(logger, entry.Id);
        }
    }

    private async Task TryArmRepairAsync()
    {
        if (await DeadLetterIndexing.Repair.TryArmAsync(this) is { } problem)
        {
            // The flag stays stored: the next activation arms the repair again.
            LogIndexFailed(logger, this.GetPrimaryKeyString(), "repair reminder not registered: " + problem);
        }
    }

    private Task DisarmRepairAsync() => DeadLetterIndexing.Repair.DisarmAsync(this);

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Dead-letter entry '{this.GetPrimaryKeyString()}' not found.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-letter entry {EntryId} is stored but not yet indexed, the repair will list it: {Reason}")]
    private static partial void LogIndexFailed(ILogger logger, string entryId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead-letter entry {EntryId} indexed by its repair")]
    private static partial void LogRepaired(ILogger logger, string entryId);
}
