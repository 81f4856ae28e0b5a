namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// The queue's index: a small summary per entry, enough to filter and page without activating
/// every entry grain. A page then reads only its own entries.
/// </summary>
[GrainType("dead-letter-queue")]
public sealed class DeadLetterQueueGrain(
    [PersistentState("dead-letter-queue", StorageNames.Large)] IPersistentState<DeadLetterIndexState> state)
    : Grain, IDeadLetterQueueGrain, IDeadLetterQueueInternalGrain
{
    public async Task UpsertAsync(DeadLetterSummary summary)
    {
        if (DeadLetterIndex.With(state.State.Entries, summary) is { } entries)
        {
            state.State = state.State with { Entries = entries };
            await state.WriteStateAsync();
        }
    }

    public async Task<DeadLetterPage> ListAsync(DeadLetterQuery query)
    {
        var (page, next) = DeadLetterIndex.Page(Match(query), query.Limit);
        var entries = await Task.WhenAll(page.Select(s => GrainFactory.GetGrain<IDeadLetterGrain>(s.Id).GetAsync()));
        return new DeadLetterPage([.. entries.OfType<DeadLetterEntry>()], next);
    }

    public async Task<BatchReplayResult> ReplayAsync(DeadLetterQuery query)
    {
        var selected = Match(query with { IncludeDeleted = false }).Take(query.Limit).ToList();
        var results = new List<ReplayResult>(selected.Count);
        foreach (var summary in selected)
        {
            try
            {
                results.Add(await GrainFactory.GetGrain<IDeadLetterGrain>(summary.Id).ReplayAsync());
            }
            catch (WebhookPlatformException ex)
            {
                results.Add(new ReplayResult(summary.Id, false, null, ex.Message, ex.Code));
            }
        }

        var replayed = results.Count(r => r.Success);
        return new BatchReplayResult(results.Count, replayed, results.Count - replayed, [.. results]);
    }

    private IEnumerable<DeadLetterSummary> Match(DeadLetterQuery query)
    {
        var errors = new Dictionary<string, string>();
        var after = DeadLetterIndex.ValidatePage(query.Limit, query.Cursor, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return DeadLetterIndex.NewestFirst(
            state.State.Entries.Values
                .Where(s => query.IncludeDeleted || !s.Deleted)
                .Where(s => query.ApplicationId is null || ApplicationIds.Of(s.ApplicationId) == query.ApplicationId)
                .Where(s => query.EndpointId is null || s.EndpointId == query.EndpointId)
                .Where(s => query.EventType is null || s.EventType == query.EventType)
                .Where(s => query.From is null || s.FailedAt >= query.From)
                .Where(s => query.To is null || s.FailedAt <= query.To),
            after);
    }
}
