namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// The bucket and page arithmetic of a dead-letter index scope. A scope's summaries sit in day
/// buckets (UTC day of the failure time); a bucket is a chain of pages of at most <see cref="Capacity"/>
/// summaries, new ones always going to its last page. Entries arrive when they fail, so a page holds a
/// narrow time range, but not a disjoint one (a late or repaired entry lands on the last page): the
/// head keeps each page's newest and oldest failure time, and a listing merges the pages whose ranges
/// overlap (<see cref="DeadLetterWalk"/>). Pure: the grains own storage.
/// </summary>
public static class DeadLetterPages
{
    /// <summary>Summaries per page: about 250 bytes each as stored JSON, so a page stays near 125 KB.</summary>
    public const int Capacity = 500;

    /// <summary>Newest failure first, ties by id (ordinal): the order of pages, listings and cursors.</summary>
    public static readonly IComparer<IDeadLetterSummary> Order = Comparer<IDeadLetterSummary>.Create(Compare);

    public static int Compare(IDeadLetterSummary a, IDeadLetterSummary b) => Compare(a.FailedAt.UtcTicks, a.Id, b.FailedAt.UtcTicks, b.Id);

    public static int Compare(long aTicks, string aId, long bTicks, string bId) =>
        aTicks != bTicks ? bTicks.CompareTo(aTicks) : string.CompareOrdinal(aId, bId);

    /// <summary>The bucket of a failure time: its UTC day number.</summary>
    public static int Day(DateTimeOffset failedAt) => Day(failedAt.UtcTicks);

    public static int Day(long ticks) => (int)(ticks / TimeSpan.TicksPerDay);

    /// <summary>
    /// The changes of one batch, one final outcome per entry: an entry listed under another failure time
    /// earlier in the batch (an inbound entry that failed again) is removed there, and removals come
    /// before additions so that a move never loses its new place.
    /// </summary>
    public static List<DeadLetterChange> Coalesce(IEnumerable<DeadLetterChange> changes)
    {
        var byId = new Dictionary<string, List<DeadLetterChange>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var change in changes)
        {
            if (!byId.TryGetValue(change.Id, out var list))
            {
                byId[change.Id] = list = [];
                order.Add(change.Id);
            }

            list.Add(change);
        }

        var removals = new List<DeadLetterChange>();
        var upserts = new List<DeadLetterChange>();
        foreach (var id in order)
        {
            var list = byId[id];
            var last = list[^1];
            var finalTicks = last.Upsert is null ? (long?)null : last.FailedAt.UtcTicks;
            foreach (var at in list.Select(c => c.FailedAt.UtcTicks).Distinct().Where(t => t != finalTicks))
            {
                removals.Add(DeadLetterChange.Remove(id, new DateTimeOffset(at, TimeSpan.Zero)));
            }

            if (last.Upsert is not null)
            {
                upserts.Add(last);
            }
        }

        return [.. removals, .. upserts];
    }

    /// <summary>The pages of <paramref name="bucket"/> whose time range holds <paramref name="failedAt"/>: where an entry listed at that time can be.</summary>
    public static IEnumerable<int> Candidates(DeadLetterBucket? bucket, DateTimeOffset failedAt) =>
        bucket is null ? [] : bucket.Pages.Where(p => p.Covers(failedAt.UtcTicks)).Select(p => p.Number);

    /// <summary>Where <paramref name="count"/> new summaries go in <paramref name="bucket"/>: the rest of its last page, then new pages.</summary>
    public static List<(int Number, int Take)> Place(DeadLetterBucket? bucket, int count, int capacity = Capacity)
    {
        var placed = new List<(int, int)>();
        var (number, used) = bucket is { Pages.Length: > 0 } ? (bucket.Pages[^1].Number, bucket.Pages[^1].Count) : (0, 0);
        while (count > 0)
        {
            if (used >= capacity)
            {
                number++;
                used = 0;
            }

            var take = Math.Min(capacity - used, count);
            placed.Add((number, take));
            used += take;
            count -= take;
        }

        return placed;
    }

    /// <summary>
    /// Applies changes to one page's summaries (kept in <see cref="Order"/>): an upsert replaces the
    /// summary of the same id wherever it sits, or is inserted when <paramref name="insertMissing"/>;
    /// a removal takes the id off. The new summaries are null when nothing changed.
    /// </summary>
    public static (IDeadLetterSummary[]? Summaries, DeadLetterPageApplied Applied) Apply(
        IDeadLetterSummary[] summaries, int number, IReadOnlyList<DeadLetterChange> changes, bool insertMissing)
    {
        var byId = new Dictionary<string, IDeadLetterSummary>(summaries.Length, StringComparer.Ordinal);
        foreach (var summary in summaries)
        {
            byId[summary.Id] = summary;
        }

        var applied = new List<string>();
        int added = 0, removed = 0, hiddenDelta = 0;
        var changed = false;
        foreach (var change in changes)
        {
            var present = byId.TryGetValue(change.Id, out var known);
            if (change.Upsert is { } upsert)
            {
                if (!present && !insertMissing)
                {
                    continue;
                }

                applied.Add(change.Id);
                if (present && Equals(known, upsert))
                {
                    continue;
                }

                hiddenDelta += (upsert.Hidden ? 1 : 0) - (present && known!.Hidden ? 1 : 0);
                added += present ? 0 : 1;
                byId[change.Id] = upsert;
                changed = true;
            }
            else if (present)
            {
                hiddenDelta -= known!.Hidden ? 1 : 0;
                removed++;
                byId.Remove(change.Id);
                changed = true;
            }
        }

        var result = changed ? byId.Values.OrderBy(s => s, Order).ToArray() : summaries;
        return (changed ? result : null, new DeadLetterPageApplied
        {
            Info = InfoOf(number, result),
            Applied = [.. applied],
            Added = added,
            Removed = removed,
            HiddenDelta = hiddenDelta,
        });
    }

    public static DeadLetterPageInfo InfoOf(int number, IDeadLetterSummary[] ordered) =>
        ordered.Length == 0
            ? new DeadLetterPageInfo(number, 0, 0, 0)
            : new DeadLetterPageInfo(number, ordered.Length, ordered[0].FailedAt.UtcTicks, ordered[^1].FailedAt.UtcTicks);

    /// <summary>
    /// The head after a page of bucket <paramref name="day"/> answered: its figures replaced, its
    /// counters moved. An emptied page is dropped unless it is the bucket's last (which takes the next
    /// summaries); an emptied bucket is dropped. Buckets stay newest day first.
    /// </summary>
    public static DeadLetterScopeState Record(DeadLetterScopeState head, int day, DeadLetterPageApplied applied)
    {
        var known = head.Buckets.FirstOrDefault(b => b.Day == day)?.Pages.FirstOrDefault(p => p.Number == applied.Info.Number);
        if (applied is { Added: 0, Removed: 0, HiddenDelta: 0 } && (known == applied.Info || (known is null && applied.Info.Count == 0)))
        {
            return head;
        }

        var buckets = head.Buckets.ToList();
        var index = buckets.FindIndex(b => b.Day == day);
        var pages = index < 0 ? [] : buckets[index].Pages.ToList();
        var at = pages.FindIndex(p => p.Number == applied.Info.Number);
        if (at < 0)
        {
            pages.Add(applied.Info);
            pages.Sort((a, b) => a.Number.CompareTo(b.Number));
        }
        else
        {
            pages[at] = applied.Info;
        }

        var last = pages.Count == 0 ? -1 : pages[^1].Number;
        pages.RemoveAll(p => p.Count == 0 && p.Number != last);
        if (pages.All(p => p.Count == 0))
        {
            if (index >= 0)
            {
                buckets.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            buckets[index] = new DeadLetterBucket(day, [.. pages]);
        }
        else
        {
            buckets.Add(new DeadLetterBucket(day, [.. pages]));
            buckets.Sort((a, b) => b.Day.CompareTo(a.Day));
        }

        return head with
        {
            Buckets = [.. buckets],
            Archived = head.Archived + applied.Added,
            Listed = head.Listed + applied.Added - applied.Removed,
            Hidden = head.Hidden + applied.HiddenDelta,
        };
    }
}
