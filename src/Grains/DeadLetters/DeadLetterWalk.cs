namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// One listing step over a scope's pages, newest failure first (ties by id), exact although pages
/// overlap in time: buckets are disjoint days, read newest day first; within a bucket the pages are
/// taken by their newest failure time, and a page is read before the next summary is given out
/// whenever its newest time is at or after that summary's (so nothing it holds can come before it).
/// Pages wholly outside the cursor and the from/to window are never read. A step reads at most
/// <see cref="PageBudget"/> pages once it has looked at a summary: a rare filter then answers fewer
/// items with a cursor that continues after the last summary looked at.
/// </summary>
public static class DeadLetterWalk
{
    public const int PageBudget = 10;

    /// <summary>Up to <paramref name="limit"/> matching summaries after <paramref name="after"/>, and where the next step starts (null: nothing more).</summary>
    public static async Task<(List<IDeadLetterSummary> Items, (long Ticks, string Id)? Next)> StepAsync(
        IReadOnlyList<DeadLetterBucket> buckets,
        (long Ticks, string Id)? after,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int limit,
        Func<IDeadLetterSummary, bool> matches,
        Func<int, int, Task<IDeadLetterSummary[]>> loadPage,
        int pageBudget = PageBudget)
    {
        var upper = Math.Min(after?.Ticks ?? long.MaxValue, to?.UtcTicks ?? long.MaxValue);
        var lower = from?.UtcTicks ?? long.MinValue;
        var items = new List<IDeadLetterSummary>(limit);
        var given = new HashSet<string>(StringComparer.Ordinal);
        (long Ticks, string Id)? lastLooked = null;
        var loads = 0;

        bool InWindow(IDeadLetterSummary s)
        {
            var ticks = s.FailedAt.UtcTicks;
            return ticks <= upper && ticks >= lower
                && (after is not { } a || DeadLetterPages.Compare(ticks, s.Id, a.Ticks, a.Id) > 0);
        }

        foreach (var bucket in buckets.Where(b => b.Day <= DeadLetterPages.Day(upper) && b.Day >= DeadLetterPages.Day(lower)).OrderByDescending(b => b.Day))
        {
            var pages = bucket.Pages.Where(p => p.Count > 0 && p.Oldest <= upper && p.Newest >= lower).OrderByDescending(p => p.Newest).ToList();
            var loaded = new SortedSet<IDeadLetterSummary>(DeadLetterPages.Order);
            var next = 0;
            while (true)
            {
                var head = loaded.Count > 0 ? loaded.Min : null;
                if (next < pages.Count && (head is null || pages[next].Newest >= head.FailedAt.UtcTicks))
                {
                    if (loads >= pageBudget && lastLooked is not null)
                    {
                        return (items, lastLooked);
                    }

                    foreach (var summary in await loadPage(bucket.Day, pages[next].Number))
                    {
                        if (InWindow(summary))
                        {
                            loaded.Add(summary);
                        }
                    }

                    loads++;
                    next++;
                    continue;
                }

                if (head is null)
                {
                    break;
                }

                loaded.Remove(head);
                lastLooked = (head.FailedAt.UtcTicks, head.Id);
                if (!matches(head) || !given.Add(head.Id))
                {
                    continue;
                }

                if (items.Count == limit)
                {
                    // One more match exists: the next step starts after the last one given.
                    return (items, (items[^1].FailedAt.UtcTicks, items[^1].Id));
                }

                items.Add(head);
            }
        }

        return (items, null);
    }
}
