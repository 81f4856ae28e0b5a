using Akademia.Webhooks.Grains.Monitoring;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// One inbound dead-letter entry, keyed by the message id: a message that fails again after a replay
/// comes back to the same entry, with its new attempts added to the history.
/// </summary>
[GrainType("inbound-dead-letter")]
public sealed class InboundDeadLetterGrain(
    [PersistentState("inbound-dead-letter", StorageNames.Webhooks)] IPersistentState<InboundDeadLetterState> state,
    TimeProvider timeProvider,
    PlatformInstruments instruments)
    : Grain, IInboundDeadLetterGrain, IInboundDeadLetterInternalGrain
{
    private IInboundDeadLetterQueueInternalGrain Index => GrainFactory.GetGrain<IInboundDeadLetterQueueInternalGrain>(IInboundDeadLetterQueueGrain.Key);

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
        state.State = new InboundDeadLetterState { Entry = entry, EarlierAttempts = earlier };
        await state.WriteStateAsync();
        if (known is null or { ReplayedAt: not null })
        {
            instruments.InboundDeadLettered();
        }

        // Indexed after the entry is stored, so the index never lists an entry that does not exist.
        await Index.UpsertAsync(InboundDeadLetterSummary.Of(entry));
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
        await Index.UpsertAsync(InboundDeadLetterSummary.Of(replayed));
        return new InboundReplayResult(entry.Id, InboundReplayResult.Replaying, "Webhook queued for replay processing.");
    }
}
