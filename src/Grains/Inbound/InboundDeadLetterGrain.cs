using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Monitoring;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// One inbound dead-letter entry, keyed by the message id: a message that fails again after a replay
/// comes back to the same entry, with its new attempts added to the history (and moves in the index
/// to its new failure time).
/// </summary>
[GrainType("inbound-dead-letter")]
public sealed partial class InboundDeadLetterGrain(
    [PersistentState("inbound-dead-letter", StorageNames.Webhooks)] IPersistentState<InboundDeadLetterState> state,
    TimeProvider timeProvider,
    PlatformInstruments instruments,
    ILogger<InboundDeadLetterGrain> logger)
    : Grain, IInboundDeadLetterGrain, IInboundDeadLetterInternalGrain, IRemindable
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A repair whose reminder could not be registered is taken up whenever the entry is next read.
        if (state.State.IndexPending)
        {
            await TryArmRepairAsync();
        }
    }

    public async Task ArchiveAsync(InboundDeadLetter failure)
    {
        var known = state.State.Entry;

        // A message in the queue archived again is the same failure recorded twice (its grain could not
        // store its own state in between): replace the round rather than add it again.
        var earlier = known is { ReplayedAt: not null } ? known.AttemptHistory : state.State.EarlierAttempts;
        var entry = failure with
        {
            CreatedAt = known?.CreatedAt ?? failure.CreatedAt,
            ReplayCount = known?.ReplayCount ?? 0,
            ReplayedAt = null,
            AttemptHistory = [.. earlier, .. failure.AttemptHistory],
        };
        var listedBefore = known is null || known.FailedAt == entry.FailedAt ? state.State.ListedBefore : [.. state.State.ListedBefore, known.FailedAt];
        state.State = state.State with { Entry = entry, EarlierAttempts = earlier };
        await state.WriteStateAsync();
        if (known is null or { ReplayedAt: not null })
        {
            instruments.InboundDeadLettered();
        }

        // Indexed after the entry is stored, so the index never lists an entry that does not exist;
        // should the index not confirm, the repair lists it later.
        await IndexAsync(listedBefore);
    }

    public Task<InboundDeadLetter?> GetAsync() => Task.FromResult(state.State.Entry);

    public async Task<InboundReplayResult> ReplayAsync()
    {
        var entry = state.State.Entry ?? throw new WebhookPlatformException(ErrorCodes.NotFound, $"Inbound dead-letter entry '{this.GetPrimaryKeyString()}' not found.");
        if (entry.ReplayedAt is not null)
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict,
                $"Inbound dead-letter entry '{entry.Id}' was replayed at {entry.ReplayedAt:O}; should it fail again it returns to the queue.");
        }

        await GrainFactory.GetGrain<IInboundMessageInternalGrain>(entry.Id).ReplayAsync();

        var now = timeProvider.GetUtcNow();
        var replayed = entry with { ReplayedAt = now, ReplayCount = entry.ReplayCount + 1, UpdatedAt = now };
        state.State = state.State with { Entry = replayed };
        await state.WriteStateAsync();
        instruments.InboundDeadLetterReplayed();
        await IndexAsync(state.State.ListedBefore);
        return new InboundReplayResult(entry.Id, InboundReplayResult.Replaying, "Webhook queued for replay processing.");
    }

    public async Task PurgeAsync()
    {
        if (state.State.Entry is not { } entry)
        {
            return;
        }

        // Off the index first: a purge that fails half-way leaves an entry that a retry purges again.
        DeadLetterChange[] removals = [.. state.State.ListedBefore.Append(entry.FailedAt).Distinct().Select(at => DeadLetterChange.Remove(entry.Id, at))];
        await DeadLetterIndexing.ApplyAsync(GrainFactory, DeadLetterScopes.Of(InboundDeadLetterSummary.Of(entry)), removals);
        var pending = state.State.IndexPending;
        await state.ClearStateAsync();
        state.State = new InboundDeadLetterState();
        if (pending)
        {
            await DisarmRepairAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadLetterIndexing.Repair.Name)
        {
            return;
        }

        if (state.State is { IndexPending: true, Entry: not null })
        {
            await IndexAsync(state.State.ListedBefore);
            if (state.State.IndexPending)
            {
                return;
            }
        }

        await DisarmRepairAsync();
    }

    /// <summary>Tells every scope of the entry (taking it off where it was listed before); on failure marks it for repair and answers normally.</summary>
    private async Task IndexAsync(DateTimeOffset[] listedBefore)
    {
        var entry = state.State.Entry!;
        var summary = InboundDeadLetterSummary.Of(entry);
        DeadLetterChange[] changes = [.. listedBefore.Where(at => at != entry.FailedAt).Distinct().Select(at => DeadLetterChange.Remove(entry.Id, at)), DeadLetterChange.Put(summary)];
        try
        {
            await DeadLetterIndexing.ApplyAsync(GrainFactory, DeadLetterScopes.Of(summary), changes);
        }
        catch (Exception ex)
        {
            LogIndexFailed(logger, entry.Id, ex.Message);
            if (!state.State.IndexPending || !state.State.ListedBefore.SequenceEqual(listedBefore))
            {
                state.State = state.State with { IndexPending = true, ListedBefore = listedBefore };
                await state.WriteStateAsync();
            }

            await TryArmRepairAsync();
            return;
        }

        if (state.State.IndexPending || state.State.ListedBefore.Length > 0)
        {
            state.State = state.State with { IndexPending = false, ListedBefore = [] };
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound dead-letter entry {EntryId} is stored but not yet indexed, the repair will list it: {Reason}")]
    private static partial void LogIndexFailed(ILogger logger, string entryId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound dead-letter entry {EntryId} indexed by its repair")]
    private static partial void LogRepaired(ILogger logger, string entryId);
}
