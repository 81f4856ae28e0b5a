using Akademia.Webhooks.Grains.DeadLetters;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class DeadLetterBatchTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static DeadLetterSummary Summary(int i) => new() { Id = $"e{i:D4}", EndpointId = "ep", EventType = "t", FailedAt = At.AddSeconds(-i) };

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void ABatchTakesOneToAThousand(int limit, bool accepted) => Assert.Equal(accepted, DeadLetterBatch.CheckLimit(limit) is null);

    [Fact]
    public async Task SelectionFollowsTheScanStepsUntilTheLimitAndAsksEachStepForWhatIsLeft()
    {
        var asked = new List<int>();
        var all = Enumerable.Range(0, 250).Select(Summary).ToArray();
        Task<DeadLetterScan> Scan((long Ticks, string Id)? after, int limit)
        {
            asked.Add(limit);
            var start = after is null ? 0 : Array.FindIndex(all, s => s.Id == after.Value.Id) + 1;
            var items = all.Skip(start).Take(Math.Min(limit, 60)).ToArray();
            var last = items[^1];
            return Task.FromResult(new DeadLetterScan([.. items], last.FailedAt.UtcTicks, last.Id));
        }

        var selected = await DeadLetterBatch.SelectAsync(Scan, null, 130);

        Assert.Equal(all.Take(130).Select(s => s.Id), selected.Select(s => s.Id));
        Assert.Equal([130, 70, 10], asked);
    }

    [Fact]
    public async Task ReplaysRunSixteenAtATimeAndAnswerInSelectionOrder()
    {
        var selected = Enumerable.Range(0, 100).Select(Summary).Cast<IDeadLetterSummary>().ToList();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var most = 0;
        var running = DeadLetterBatch.ReplayAsync(selected, async s =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            if (now == DeadLetterBatch.Parallelism)
            {
                full.TrySetResult();
            }

            await gate.Task;
            Interlocked.Decrement(ref inFlight);
            return s.Id;
        }, (id, _) => "refused " + id);

        // Sixteen are in flight and held: no seventeenth starts until one of them finishes.
        await full.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(DeadLetterBatch.Parallelism, Volatile.Read(ref inFlight));
        gate.SetResult();

        Assert.Equal(selected.Select(s => s.Id), await running);
        Assert.Equal(DeadLetterBatch.Parallelism, most);
    }

    [Fact]
    public async Task AnEntryThePlatformRefusesAnswersItsRefusalAndTheOthersStillReplay()
    {
        var selected = Enumerable.Range(0, 3).Select(Summary).Cast<IDeadLetterSummary>().ToList();
        var results = await DeadLetterBatch.ReplayAsync(
            selected,
            s => s.Id == "e0001" ? throw new WebhookPlatformException(ErrorCodes.Conflict, "endpoint deleted") : Task.FromResult(s.Id),
            (id, ex) => $"{id}: {ex.Code}");

        Assert.Equal(["e0000", $"e0001: {ErrorCodes.Conflict}", "e0002"], results);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
