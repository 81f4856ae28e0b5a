namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// One flush of a scope: where each change of a batch goes, and the head after the pages answered.
/// First the pages whose time range holds an entry are asked (it may be listed there already); an
/// upsert found nowhere goes to the last page of its day (<see cref="DeadLetterPages.Place"/>). Each
/// page is called once per phase, so a batch writes each touched page at most twice and usually once.
/// Pure but for the page calls it is given.
/// </summary>
public static class DeadLetterFlush
{
    public delegate Task<DeadLetterPageApplied> ApplyPage(int day, int number, DeadLetterChange[] changes, bool insertMissing);

    /// <summary>The head with every answer recorded, and the failures of pages that did not answer (their changes are left to the entries' repair).</summary>
    public static async Task<(DeadLetterScopeState Head, List<Exception> Failures)> RunAsync(
        DeadLetterScopeState head, IEnumerable<DeadLetterChange> batch, ApplyPage applyPage, int capacity = DeadLetterPages.Capacity)
    {
        var changes = DeadLetterPages.Coalesce(batch);
        var failures = new List<Exception>();

        var lookups = new Dictionary<(int Day, int Number), List<DeadLetterChange>>();
        foreach (var change in changes)
        {
            var day = DeadLetterPages.Day(change.FailedAt);
            foreach (var number in DeadLetterPages.Candidates(head.Buckets.FirstOrDefault(b => b.Day == day), change.FailedAt))
            {
                (lookups.TryGetValue((day, number), out var list) ? list : lookups[(day, number)] = []).Add(change);
            }
        }

        // An entry whose page did not answer may be there: it is not placed again (its repair retries).
        var settled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (page, answer) in await CallAsync(lookups, insertMissing: false))
        {
            head = DeadLetterPages.Record(head, page.Day, answer);
            settled.UnionWith(answer.Applied);
        }

        var inserts = new Dictionary<(int Day, int Number), List<DeadLetterChange>>();
        foreach (var day in changes.Where(c => c.Upsert is not null && !settled.Contains(c.Id)).GroupBy(c => DeadLetterPages.Day(c.FailedAt)))
        {
            var pending = day.ToList();
            var taken = 0;
            foreach (var (number, take) in DeadLetterPages.Place(head.Buckets.FirstOrDefault(b => b.Day == day.Key), pending.Count, capacity))
            {
                inserts[(day.Key, number)] = pending.GetRange(taken, take);
                taken += take;
            }
        }

        foreach (var (page, answer) in await CallAsync(inserts, insertMissing: true))
        {
            head = DeadLetterPages.Record(head, page.Day, answer);
        }

        return (head, failures);

        async Task<List<((int Day, int Number) Page, DeadLetterPageApplied Answer)>> CallAsync(Dictionary<(int Day, int Number), List<DeadLetterChange>> byPage, bool insertMissing)
        {
            var answers = await Task.WhenAll(byPage.Select(async entry =>
            {
                try
                {
                    return (entry.Key, (DeadLetterPageApplied?)await applyPage(entry.Key.Day, entry.Key.Number, [.. entry.Value], insertMissing));
                }
                catch (Exception ex)
                {
                    failures.Add(ex);
                    settled.UnionWith(entry.Value.Select(c => c.Id));
                    return (entry.Key, null);
                }
            }));
            return [.. answers.Where(a => a.Item2 is not null).Select(a => (a.Key, a.Item2!))];
        }
    }
}
