namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// A batch replay of either queue: up to <see cref="MaxLimit"/> entries selected through the scope's
/// bounded scan steps, replayed <see cref="Parallelism"/> at a time, so that a batch of 1,000 stays far
/// inside the 30 s call time-out; results keep the selection's order (newest failure first).
/// </summary>
public static class DeadLetterBatch
{
    /// <summary>The largest batch: a listing page is at most 100, a replay may take ten pages' worth.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Entry replays in flight at once; each is one entry grain and one new delivery.</summary>
    public const int Parallelism = 16;

    /// <summary>Scan steps a batch takes at most to fill its limit, each bounded by <see cref="DeadLetterWalk.PageBudget"/> pages.</summary>
    public const int MaxSteps = 20;

    public static string? CheckLimit(int limit) => limit is < 1 or > MaxLimit ? $"must be between 1 and {MaxLimit}" : null;

    /// <summary>Up to <paramref name="limit"/> summaries, scanning from <paramref name="after"/> on.</summary>
    public static async Task<List<IDeadLetterSummary>> SelectAsync(Func<(long Ticks, string Id)?, int, Task<DeadLetterScan>> scan, (long Ticks, string Id)? after, int limit)
    {
        var selected = new List<IDeadLetterSummary>(limit);
        for (var step = 0; step < MaxSteps && selected.Count < limit; step++)
        {
            var page = await scan(after, limit - selected.Count);
            selected.AddRange(page.Items);
            if (page.NextTicks is not { } ticks)
            {
                break;
            }

            after = (ticks, page.NextId!);
        }

        return selected;
    }

    /// <summary>
    /// Replays each selected entry, <see cref="Parallelism"/> at a time; the results in selection order.
    /// An entry the platform refuses to replay (its endpoint deleted, say) answers <paramref name="refused"/>'s result instead of failing the batch.
    /// </summary>
    public static async Task<TResult[]> ReplayAsync<TResult>(IReadOnlyList<IDeadLetterSummary> selected, Func<IDeadLetterSummary, Task<TResult>> replay, Func<string, WebhookPlatformException, TResult> refused)
    {
        // A semaphore rather than Parallel.ForEachAsync, whose default scheduler would leave the grain's.
        using var slots = new SemaphoreSlim(Parallelism);
        return await Task.WhenAll(selected.Select(async summary =>
        {
            await slots.WaitAsync();
            try
            {
                return await replay(summary);
            }
            catch (WebhookPlatformException ex)
            {
                return refused(summary.Id, ex);
            }
            finally
            {
                slots.Release();
            }
        }));
    }
}
