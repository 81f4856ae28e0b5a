using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Monitoring;

namespace Akademia.Webhooks.Grains.Inbound;

[GenerateSerializer, Alias("akademia.InboundDeadLetterState")]
public sealed record InboundDeadLetterState
{
    [Id(0)] public InboundDeadLetter? Entry { get; init; }

    /// <summary>Attempts of the rounds before the current one (those already replayed).</summary>
    [Id(1)] public InboundAttempt[] EarlierAttempts { get; init; } = [];
}

/// <summary>
/// One inbound dead-letter entry, keyed by the message id: a message that fails again after a replay
/// comes back to the same entry, with its new attempts added to the history.
/// </summary>
[GrainType("inbound-dead-letter")]
public sealed class InboundDeadLetterGrain(
    [PersistentState("inbound-dead-letter", StorageNames.Webhooks)] IPersistentState<InboundDeadLetterState> state,
    TimeProvider time)
    : Grain, IInboundDeadLetterGrain, IInboundDeadLetterArchiveGrain
{
    private IInboundDeadLetterIndexGrain Index => GrainFactory.GetGrain<IInboundDeadLetterIndexGrain>(IInboundDeadLetterQueueGrain.Key);

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
            WebhookMetrics.InboundDeadLetters.Add(1);
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

        await GrainFactory.GetGrain<IInboundMessageWorkerGrain>(entry.Id).ReplayAsync();

        var now = time.GetUtcNow();
        var replayed = entry with { ReplayedAt = now, ReplayCount = entry.ReplayCount + 1, UpdatedAt = now };
        state.State = state.State with { Entry = replayed };
        await state.WriteStateAsync();
        WebhookMetrics.InboundDeadLetters.Add(-1);
        await Index.UpsertAsync(InboundDeadLetterSummary.Of(replayed));
        return new InboundReplayResult(entry.Id, InboundReplayResult.Replaying, "Webhook queued for replay processing.");
    }
}

[GenerateSerializer, Alias("akademia.InboundDeadLetterIndexState")]
public sealed record InboundDeadLetterIndexState
{
    [Id(0)] public Dictionary<string, InboundDeadLetterSummary> Entries { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The inbound queue's index: a small summary per entry, enough to filter, page and count without
/// activating every entry grain.
/// </summary>
[GrainType("inbound-dead-letter-queue")]
public sealed class InboundDeadLetterQueueGrain(
    [PersistentState("inbound-dead-letter-queue", StorageNames.Webhooks)] IPersistentState<InboundDeadLetterIndexState> state)
    : Grain, IInboundDeadLetterQueueGrain, IInboundDeadLetterIndexGrain
{
    public async Task UpsertAsync(InboundDeadLetterSummary summary)
    {
        if (DeadLetterIndex.With(state.State.Entries, summary) is { } entries)
        {
            state.State = state.State with { Entries = entries };
            await state.WriteStateAsync();
        }
    }

    public Task<long> CountAsync() => Task.FromResult((long)state.State.Entries.Values.Count(e => !e.Replayed));

    public async Task<InboundDeadLetterPage> ListAsync(InboundDeadLetterQuery query)
    {
        var (page, next) = DeadLetterIndex.Page(Match(query), query.Limit);
        var entries = await Task.WhenAll(page.Select(s => GrainFactory.GetGrain<IInboundDeadLetterGrain>(s.Id).GetAsync()));
        return new InboundDeadLetterPage([.. entries.OfType<InboundDeadLetter>()], next);
    }

    public async Task<InboundBatchReplayResult> ReplayAsync(InboundDeadLetterQuery query)
    {
        var selected = Match(query with { IncludeReplayed = false, Cursor = null }).Take(query.Limit).ToList();
        var results = new List<InboundReplayResult>(selected.Count);
        foreach (var summary in selected)
        {
            try
            {
                results.Add(await GrainFactory.GetGrain<IInboundDeadLetterGrain>(summary.Id).ReplayAsync());
            }
            catch (WebhookPlatformException ex)
            {
                results.Add(new InboundReplayResult(summary.Id, InboundReplayResult.ReplayFailed, ex.Message, ex.Code));
            }
        }

        var successful = results.Count(r => r.Status == InboundReplayResult.Replaying);
        return new InboundBatchReplayResult(results.Count, successful, results.Count - successful, [.. results]);
    }

    private IEnumerable<InboundDeadLetterSummary> Match(InboundDeadLetterQuery query)
    {
        var errors = new Dictionary<string, string>();
        var after = DeadLetterIndex.ValidatePage(query.Limit, query.Cursor, errors);
        if (query.Provider is not null && !InboundProviders.All.Contains(query.Provider))
        {
            errors["provider"] = "must be one of " + string.Join(", ", InboundProviders.All);
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return DeadLetterIndex.NewestFirst(
            state.State.Entries.Values
                .Where(s => query.IncludeReplayed || !s.Replayed)
                .Where(s => query.Provider is null || s.Provider == query.Provider)
                .Where(s => query.SourceId is null || s.SourceId == query.SourceId)
                .Where(s => query.ErrorType is null || s.ErrorCode == query.ErrorType)
                .Where(s => query.From is null || s.FailedAt >= query.From)
                .Where(s => query.To is null || s.FailedAt <= query.To),
            after);
    }
}
