using Akademia.Webhooks.Grains.DeadLetters;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// The inbound queue's index: a small summary per entry, enough to filter, page and count without
/// activating every entry grain.
/// </summary>
[GrainType("inbound-dead-letter-queue")]
public sealed class InboundDeadLetterQueueGrain(
    [PersistentState("inbound-dead-letter-queue", StorageNames.Large)] IPersistentState<InboundDeadLetterIndexState> state)
    : Grain, IInboundDeadLetterQueueGrain, IInboundDeadLetterQueueInternalGrain
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
