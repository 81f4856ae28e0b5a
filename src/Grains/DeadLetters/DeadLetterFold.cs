namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// Moves the summaries of an index written before scopes existed (one dictionary in one state) into
/// the scopes, a slice at a time so that each scope's flush stays bounded. Repeating it is harmless:
/// a summary already listed is found and left as it is.
/// </summary>
public static class DeadLetterFold
{
    private const int Slice = DeadLetterPages.Capacity;

    public static async Task FoldAsync(IGrainFactory grains, IReadOnlyList<IDeadLetterSummary> summaries, Func<IDeadLetterSummary, string[]> scopesOf)
    {
        // Oldest first, as they were archived, so that pages fill in time order.
        var ordered = summaries.OrderByDescending(s => s, DeadLetterPages.Order).ToList();
        for (var start = 0; start < ordered.Count; start += Slice)
        {
            var byScope = ordered.Skip(start).Take(Slice)
                .SelectMany(s => scopesOf(s).Select(scope => (scope, change: DeadLetterChange.Put(s))))
                .GroupBy(p => p.scope, p => p.change);
            await Task.WhenAll(byScope.Select(g => grains.GetGrain<IDeadLetterScopeGrain>(g.Key).ApplyAsync([.. g])));
        }
    }
}
