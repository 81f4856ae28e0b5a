using Akademia.Webhooks.Grains.DeadLetters;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// The inbound queue's way in, on the same scoped index as the outbound queue (<see cref="DeadLetterScopeGrain"/>):
/// a query names a source or not, and that picks the scope; the count comes from the head of the whole
/// queue. The index written before scopes existed is folded into them when this grain activates.
/// </summary>
[Reentrant, GrainType("inbound-dead-letter-queue")]
public sealed partial class InboundDeadLetterQueueGrain(
    [PersistentState("inbound-dead-letter-queue", StorageNames.Large)] IPersistentState<InboundDeadLetterIndexState> legacy,
    ILogger<InboundDeadLetterQueueGrain> logger)
    : Grain, IInboundDeadLetterQueueGrain, IInboundDeadLetterQueueInternalGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (legacy.State.Entries.Count > 0)
        {
            var summaries = legacy.State.Entries.Values.ToList();
            await DeadLetterFold.FoldAsync(GrainFactory, summaries, s => DeadLetterScopes.Of((InboundDeadLetterSummary)s));
            await legacy.ClearStateAsync(cancellationToken);
            legacy.State = new InboundDeadLetterIndexState();
            LogFolded(logger, summaries.Count);
        }
    }

    public async Task<long> CountAsync() => (await GrainFactory.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.InboundAll).GetCountsAsync()).Visible;

    public async Task<InboundDeadLetterPage> ListAsync(InboundDeadLetterQuery query)
    {
        var after = Validate(query);
        var scan = await Scope(query).ScanAsync(Request(query, InboundDeadLetterFilter.Of(query), after, query.Limit));
        var entries = await Task.WhenAll(scan.Items.Select(s => GrainFactory.GetGrain<IInboundDeadLetterGrain>(s.Id).GetAsync()));
        return new InboundDeadLetterPage([.. entries.OfType<InboundDeadLetter>()], DeadLetterIndex.CursorOf(scan.NextTicks, scan.NextId));
    }

    public async Task<InboundBatchReplayResult> ReplayAsync(InboundDeadLetterQuery query)
    {
        // A batch replays what is in the queue: never an entry already replayed, whatever the query says.
        query = query with { IncludeReplayed = false, Cursor = null };
        var after = Validate(query, batch: true);
        var filter = InboundDeadLetterFilter.Of(query);
        var selected = await DeadLetterBatch.SelectAsync((from, limit) => Scope(query).ScanAsync(Request(query, filter, from, limit)), after, query.Limit);
        var results = await DeadLetterBatch.ReplayAsync(
            selected,
            summary => GrainFactory.GetGrain<IInboundDeadLetterGrain>(summary.Id).ReplayAsync(),
            (id, ex) => new InboundReplayResult(id, InboundReplayResult.ReplayFailed, ex.Message, ex.Code));

        var successful = results.Count(r => r.Status == InboundReplayResult.Replaying);
        return new InboundBatchReplayResult(results.Length, successful, results.Length - successful, results);
    }

    private IDeadLetterScopeGrain Scope(InboundDeadLetterQuery query) => GrainFactory.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.For(query));

    private static DeadLetterScanRequest Request(InboundDeadLetterQuery query, IDeadLetterFilter filter, (long Ticks, string Id)? after, int limit) => new()
    {
        Filter = filter,
        AfterTicks = after?.Ticks,
        AfterId = after?.Id,
        From = query.From,
        To = query.To,
        Limit = limit,
    };

    private static (long Ticks, string Id)? Validate(InboundDeadLetterQuery query, bool batch = false)
    {
        var errors = new Dictionary<string, string>();
        var after = DeadLetterIndex.ValidatePage(query.Limit, query.Cursor, errors, batch);
        if (query.Provider is not null && !InboundProviders.All.Contains(query.Provider))
        {
            errors["provider"] = "must be one of " + string.Join(", ", InboundProviders.All);
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return after is { } a ? (a.FailedAt.UtcTicks, a.Id) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound dead-letter index: {Count} summaries of the single-state index folded into its scopes")]
    private static partial void LogFolded(ILogger logger, int count);
}
