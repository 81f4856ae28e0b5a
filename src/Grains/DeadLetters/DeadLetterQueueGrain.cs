using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// The queue's way in: a query goes to the narrowest scope that answers it (<see cref="DeadLetterScopes.For(DeadLetterQuery)"/>),
/// whose head walks only the pages the cursor and the time window reach; a page then reads only its
/// own entries. The index written before scopes existed (one dictionary under this grain's state) is
/// folded into the scopes when this grain activates, and then cleared.
/// </summary>
[Reentrant, GrainType("dead-letter-queue")]
public sealed partial class DeadLetterQueueGrain(
    [PersistentState("dead-letter-queue", StorageNames.Large)] IPersistentState<DeadLetterIndexState> legacy,
    ILogger<DeadLetterQueueGrain> logger)
    : Grain, IDeadLetterQueueGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (legacy.State.Entries.Count > 0)
        {
            var summaries = legacy.State.Entries.Values.ToList();
            await DeadLetterFold.FoldAsync(GrainFactory, summaries, s => DeadLetterScopes.Of((DeadLetterSummary)s));
            await legacy.ClearStateAsync(cancellationToken);
            legacy.State = new DeadLetterIndexState();
            LogFolded(logger, summaries.Count);
        }
    }

    public async Task<DeadLetterPage> ListAsync(DeadLetterQuery query)
    {
        var after = Validate(query);
        var scan = await Scope(query).ScanAsync(Request(query, DeadLetterFilter.Of(query), after, query.Limit));
        var entries = await Task.WhenAll(scan.Items.Select(s => GrainFactory.GetGrain<IDeadLetterGrain>(s.Id).GetAsync()));
        return new DeadLetterPage([.. entries.OfType<DeadLetterEntry>()], DeadLetterIndex.CursorOf(scan.NextTicks, scan.NextId));
    }

    public async Task<BatchReplayResult> ReplayAsync(DeadLetterQuery query)
    {
        var after = Validate(query, batch: true);
        var filter = DeadLetterFilter.Of(query) with { IncludeDeleted = false, IncludeReplayed = query.IncludeReplayed };
        var selected = await DeadLetterBatch.SelectAsync((from, limit) => Scope(query).ScanAsync(Request(query, filter, from, limit)), after, query.Limit);
        var results = await DeadLetterBatch.ReplayAsync(
            selected,
            summary => GrainFactory.GetGrain<IDeadLetterGrain>(summary.Id).ReplayAsync(),
            (id, ex) => new ReplayResult(id, false, null, ex.Message, ex.Code));

        var replayed = results.Count(r => r.Success);
        return new BatchReplayResult(results.Length, replayed, results.Length - replayed, results);
    }

    private IDeadLetterScopeGrain Scope(DeadLetterQuery query) => GrainFactory.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.For(query));

    private static DeadLetterScanRequest Request(DeadLetterQuery query, IDeadLetterFilter filter, (long Ticks, string Id)? after, int limit) => new()
    {
        Filter = filter,
        AfterTicks = after?.Ticks,
        AfterId = after?.Id,
        From = query.From,
        To = query.To,
        Limit = limit,
    };

    private static (long Ticks, string Id)? Validate(DeadLetterQuery query, bool batch = false)
    {
        var errors = new Dictionary<string, string>();
        var after = DeadLetterIndex.ValidatePage(query.Limit, query.Cursor, errors, batch);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return after is { } a ? (a.FailedAt.UtcTicks, a.Id) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead-letter index: {Count} summaries of the single-state index folded into its scopes")]
    private static partial void LogFolded(ILogger logger, int count);
}
