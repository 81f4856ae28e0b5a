using Akademia.Webhooks.Grains.DeadLetters;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>The bucket, page and cursor arithmetic of the dead-letter indexes, run against pages held in memory.</summary>
public sealed class DeadLetterPagesTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static DeadLetterSummary Summary(string id, DateTimeOffset at, string endpoint = "ep_1", string type = "t", bool deleted = false, bool replayed = false) =>
        new() { Id = id, EndpointId = endpoint, EventType = type, FailedAt = at, Deleted = deleted, Replayed = replayed, ApplicationId = "app" };

    /// <summary>A scope whose pages live in a dictionary, flushed with the grains' own code and a small page size.</summary>
    private sealed class MemoryScope(int capacity)
    {
        public DeadLetterScopeState Head { get; private set; } = new();

        public Dictionary<(int Day, int Number), IDeadLetterSummary[]> Pages { get; } = [];

        public List<(int Day, int Number)> Reads { get; } = [];

        public Func<int, int, bool>? FailWrite { get; set; }

        public async Task<List<Exception>> ApplyAsync(params DeadLetterChange[] changes)
        {
            var (head, failures) = await DeadLetterFlush.RunAsync(Head, changes, (day, number, batch, insertMissing) =>
            {
                if (FailWrite?.Invoke(day, number) == true)
                {
                    throw new TimeoutException("injected");
                }

                var (summaries, applied) = DeadLetterPages.Apply(Pages.GetValueOrDefault((day, number)) ?? [], number, batch, insertMissing);
                if (summaries is not null)
                {
                    Pages[(day, number)] = summaries;
                }

                return Task.FromResult(applied);
            }, capacity);
            Head = head;
            return failures;
        }

        public Task<(List<IDeadLetterSummary> Items, (long Ticks, string Id)? Next)> StepAsync(
            (long Ticks, string Id)? after, int limit, Func<IDeadLetterSummary, bool>? matches = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int budget = DeadLetterWalk.PageBudget) =>
            DeadLetterWalk.StepAsync(Head.Buckets, after, from, to, limit, matches ?? (_ => true), (day, number) =>
            {
                Reads.Add((day, number));
                return Task.FromResult(Pages.GetValueOrDefault((day, number)) ?? []);
            }, budget);

        public async Task<List<string>> ListAllAsync(int limit, Func<IDeadLetterSummary, bool>? matches = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int budget = DeadLetterWalk.PageBudget)
        {
            var ids = new List<string>();
            (long Ticks, string Id)? after = null;
            for (var guard = 0; guard < 10_000; guard++)
            {
                var (items, next) = await StepAsync(after, limit, matches, from, to, budget);
                Assert.True(items.Count <= limit);
                ids.AddRange(items.Select(i => i.Id));
                if (next is null)
                {
                    return ids;
                }

                after = next;
            }

            throw new InvalidOperationException("the walk did not end");
        }
    }

    private static List<string> Expected(IEnumerable<IDeadLetterSummary> all, Func<IDeadLetterSummary, bool>? matches = null) =>
        [.. all.Where(matches ?? (_ => true)).OrderBy(s => s, DeadLetterPages.Order).Select(s => s.Id)];

    [Fact]
    public void ABucketIsTheUtcDayOfTheFailure()
    {
        Assert.Equal(DeadLetterPages.Day(Day0), DeadLetterPages.Day(Day0.AddHours(23).AddMinutes(59)));
        Assert.Equal(DeadLetterPages.Day(Day0) + 1, DeadLetterPages.Day(Day0.AddDays(1)));
        Assert.Equal(DeadLetterPages.Day(Day0), DeadLetterPages.Day(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void NewSummariesFillTheLastPageThenOpenNewOnes()
    {
        Assert.Equal([(0, 3)], DeadLetterPages.Place(null, 3, 5));
        var bucket = new DeadLetterBucket(1, [new(0, 5, 0, 0), new(1, 3, 0, 0)]);
        Assert.Equal([(1, 2), (2, 5), (3, 1)], DeadLetterPages.Place(bucket, 8, 5));
    }

    [Fact]
    public void ABatchKeepsOneOutcomePerEntryWithRemovalsFirst()
    {
        var t1 = Day0.AddHours(1);
        var t2 = Day0.AddHours(2);
        var moved = DeadLetterPages.Coalesce([DeadLetterChange.Put(Summary("a", t1)), DeadLetterChange.Put(Summary("b", t1)), DeadLetterChange.Put(Summary("a", t2))]);
        Assert.Equal([("a", t1, false), ("a", t2, true), ("b", t1, true)], moved.Select(c => (c.Id, c.FailedAt, c.Upsert is not null)));

        var purged = DeadLetterPages.Coalesce([DeadLetterChange.Put(Summary("a", t1)), DeadLetterChange.Remove("a", t1)]);
        Assert.Equal([("a", t1, false)], purged.Select(c => (c.Id, c.FailedAt, c.Upsert is not null)));
    }

    [Fact]
    public void APageReplacesByIdCountsHiddenAndSaysWhenNothingChanged()
    {
        var a = Summary("a", Day0.AddHours(2));
        var b = Summary("b", Day0.AddHours(1));
        var (page, applied) = DeadLetterPages.Apply([], 4, [DeadLetterChange.Put(b), DeadLetterChange.Put(a)], insertMissing: true);
        Assert.Equal(["a", "b"], page!.Select(s => s.Id));
        Assert.Equal(new DeadLetterPageInfo(4, 2, a.FailedAt.UtcTicks, b.FailedAt.UtcTicks), applied.Info);
        Assert.Equal(2, applied.Added);

        var (same, unchanged) = DeadLetterPages.Apply(page!, 4, [DeadLetterChange.Put(a)], insertMissing: true);
        Assert.Null(same);
        Assert.Equal(["a"], unchanged.Applied);

        var (deleted, hid) = DeadLetterPages.Apply(page!, 4, [DeadLetterChange.Put(a with { Deleted = true }), DeadLetterChange.Put(Summary("c", Day0))], insertMissing: false);
        Assert.Equal((1, 0), (hid.HiddenDelta, hid.Added));
        Assert.Equal(["a"], hid.Applied);
        Assert.Equal(2, deleted!.Length);

        var (removed, gone) = DeadLetterPages.Apply(deleted, 4, [DeadLetterChange.Remove("a", a.FailedAt)], insertMissing: false);
        Assert.Equal((1, -1), (gone.Removed, gone.HiddenDelta));
        Assert.Equal(["b"], removed!.Select(s => s.Id));
    }

    [Fact]
    public async Task TheHeadCountsWithoutReadingAPageAndDropsWhatIsEmpty()
    {
        var scope = new MemoryScope(capacity: 2);
        var summaries = Enumerable.Range(0, 5).Select(i => Summary($"e{i}", Day0.AddMinutes(i))).ToList();
        await scope.ApplyAsync([.. summaries.Select(DeadLetterChange.Put)]);
        await scope.ApplyAsync(DeadLetterChange.Put(summaries[0] with { Deleted = true }), DeadLetterChange.Put(Summary("late", Day0.AddDays(-1))));

        Assert.Equal((6L, 6L, 1L), (scope.Head.Archived, scope.Head.Listed, scope.Head.Hidden));
        Assert.Equal([DeadLetterPages.Day(Day0), DeadLetterPages.Day(Day0) - 1], scope.Head.Buckets.Select(b => b.Day));
        Assert.Equal([2, 2, 1], scope.Head.Buckets[0].Pages.Select(p => p.Count));

        // Purged entries leave the listed count and the pages, never the archived count.
        await scope.ApplyAsync(DeadLetterChange.Remove("e0", summaries[0].FailedAt), DeadLetterChange.Remove("e1", summaries[1].FailedAt), DeadLetterChange.Remove("late", Day0.AddDays(-1)));
        Assert.Equal((6L, 3L, 0L), (scope.Head.Archived, scope.Head.Listed, scope.Head.Hidden));
        Assert.Equal([1, 2], scope.Head.Buckets.Single().Pages.Select(p => p.Number));

        // Repeats change nothing.
        var before = scope.Head;
        await scope.ApplyAsync(DeadLetterChange.Put(summaries[2]), DeadLetterChange.Remove("e0", summaries[0].FailedAt));
        Assert.Same(before, scope.Head);
    }

    [Fact]
    public async Task NewestFirstIsExactAlthoughLateEntriesMakePagesOverlap()
    {
        var random = new Random(15);
        var scope = new MemoryScope(capacity: 7);
        var all = new Dictionary<string, IDeadLetterSummary>();
        var clock = Day0.AddHours(20);
        for (var batch = 0; batch < 120; batch++)
        {
            var changes = new List<DeadLetterChange>();
            for (var i = random.Next(1, 6); i > 0; i--)
            {
                clock = clock.AddMinutes(random.Next(0, 20));
                // Mostly now, some late (a slow archive or a repair), some with the same instant.
                var at = random.Next(10) switch { 0 => clock.AddHours(-random.Next(1, 30)), 1 => clock.AddTicks(-1), _ => clock };
                var summary = Summary($"e{all.Count:D4}", at, endpoint: $"ep_{random.Next(3)}", type: random.Next(8) == 0 ? "rare" : "t");
                all[summary.Id] = summary;
                changes.Add(DeadLetterChange.Put(summary));
            }

            Assert.Empty(await scope.ApplyAsync([.. changes]));
        }

        Assert.True(scope.Head.Buckets.Length >= 3);
        Assert.Equal(all.Count, scope.Head.Listed);
        foreach (var limit in new[] { 1, 13, 100 })
        {
            Assert.Equal(Expected(all.Values), await scope.ListAllAsync(limit));
        }

        Func<IDeadLetterSummary, bool> rare = s => ((DeadLetterSummary)s).EventType == "rare";
        Assert.Equal(Expected(all.Values, rare), await scope.ListAllAsync(5, rare, budget: 2));

        var from = Day0.AddDays(1).AddHours(3);
        var to = Day0.AddDays(2).AddHours(1);
        Func<IDeadLetterSummary, bool> window = s => s.FailedAt >= from && s.FailedAt <= to;
        Assert.Equal(Expected(all.Values, window), await scope.ListAllAsync(9, from: from, to: to));
    }

    [Fact]
    public async Task ATimeWindowReadsOnlyThePagesItReaches()
    {
        var scope = new MemoryScope(capacity: 10);
        for (var day = 0; day < 5; day++)
        {
            await scope.ApplyAsync([.. Enumerable.Range(0, 30).Select(i => DeadLetterChange.Put(Summary($"d{day}-{i:D2}", Day0.AddDays(day).AddMinutes(i * 10))))]);
        }

        var (items, _) = await scope.StepAsync(null, 5, from: Day0.AddDays(2), to: Day0.AddDays(2).AddHours(1));
        Assert.Equal(["d2-06", "d2-05", "d2-04", "d2-03", "d2-02"], items.Select(i => i.Id));
        Assert.Equal([(DeadLetterPages.Day(Day0) + 2, 0)], scope.Reads);
    }

    [Fact]
    public async Task ACursorStaysValidWhileEntriesAreAdded()
    {
        var scope = new MemoryScope(capacity: 4);
        await scope.ApplyAsync([.. Enumerable.Range(0, 10).Select(i => DeadLetterChange.Put(Summary($"e{i}", Day0.AddMinutes(i))))]);
        var (first, next) = await scope.StepAsync(null, 4);
        Assert.Equal(["e9", "e8", "e7", "e6"], first.Select(i => i.Id));

        // Newer entries, and one late entry older than the cursor: the next page continues where the first ended.
        await scope.ApplyAsync(DeadLetterChange.Put(Summary("new", Day0.AddMinutes(30))), DeadLetterChange.Put(Summary("late", Day0.AddMinutes(4).AddSeconds(30))));
        var (second, _) = await scope.StepAsync(next, 4);
        Assert.Equal(["e5", "late", "e4", "e3"], second.Select(i => i.Id));
    }

    [Fact]
    public async Task AnEntryMovedToANewFailureTimeIsListedOnceAtItsNewPlace()
    {
        var scope = new MemoryScope(capacity: 3);
        await scope.ApplyAsync([.. Enumerable.Range(0, 6).Select(i => DeadLetterChange.Put(Summary($"e{i}", Day0.AddMinutes(i))))]);
        await scope.ApplyAsync(DeadLetterChange.Remove("e1", Day0.AddMinutes(1)), DeadLetterChange.Put(Summary("e1", Day0.AddMinutes(10))));

        Assert.Equal(["e1", "e5", "e4", "e3", "e2", "e0"], await scope.ListAllAsync(2));
        Assert.Equal(6, scope.Head.Listed);
    }

    [Fact]
    public async Task AFailedPageWriteIsReportedAndARepeatAfterwardsRepairsIt()
    {
        var scope = new MemoryScope(capacity: 3);
        scope.FailWrite = (_, _) => true;
        var summary = Summary("a", Day0);
        Assert.Single(await scope.ApplyAsync(DeadLetterChange.Put(summary)));
        Assert.Empty(await scope.ListAllAsync(10));

        scope.FailWrite = null;
        Assert.Empty(await scope.ApplyAsync(DeadLetterChange.Put(summary)));
        Assert.Equal(["a"], await scope.ListAllAsync(10));
        Assert.Equal(1, scope.Head.Archived);
    }

    [Fact]
    public void ACursorIsTheTimeAndIdOfAPositionAndABadOneIsRefused()
    {
        var errors = new Dictionary<string, string>();
        var cursor = DeadLetterIndex.CursorOf(Day0.UtcTicks, "evt:ep")!;
        Assert.Equal((Day0, "evt:ep"), DeadLetterIndex.ValidatePage(20, cursor, errors));
        Assert.Empty(errors);

        DeadLetterIndex.ValidatePage(101, Convert.ToBase64String("99999999999999999999|x"u8.ToArray()), errors);
        Assert.Equal(["cursor", "limit"], errors.Keys.Order());
        Assert.Null(DeadLetterIndex.CursorOf(null, null));
    }
}
