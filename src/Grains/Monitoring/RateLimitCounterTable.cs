namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>
/// Fixed-window counters in a bounded table, least recently used dropped first, plus a fixed-size
/// sketch of what dropped counters had used. Memory is bounded by the capacity and the sketch's size,
/// whatever the number of clients. A counter dropped while its window is live leaves its used share
/// of the budget (count / limit) in its sketch slot, and a counter created later in that slot starts
/// from that share: a client that forces evictions by flooding other identities still finds its
/// budget spent, so past the bound the limiter errs towards limiting early, never late. Innocent
/// clients that land in the slot of a heavy dropped counter may be limited until that window ends.
/// Not thread-safe: one grain activation owns it.
/// </summary>
public sealed class RateLimitCounterTable
{
    /// <summary>Slots of the sketch: a fixed 16 bytes each.</summary>
    public const int SketchSlots = 1024;

    private readonly Dictionary<string, LinkedListNode<Counter>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<Counter> _recency = new();
    private readonly (double Used, DateTimeOffset Until)[] _sketch = new (double, DateTimeOffset)[SketchSlots];

    public int Count => _index.Count;

    public int Capacity { get; private set; } = 1;

    public long Evictions { get; private set; }

    public RateLimitDecision Acquire(string bucket, int limit, TimeSpan window, int capacity, DateTimeOffset now)
    {
        Capacity = Math.Max(1, capacity);
        if (_index.TryGetValue(bucket, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
        }
        else
        {
            while (_index.Count >= Capacity)
            {
                Evict(now);
            }

            node = _recency.AddFirst(Restore(bucket, limit, window, now));
            _index[bucket] = node;
        }

        var counter = node.Value;
        if (now >= counter.WindowEnds)
        {
            counter.WindowEnds = now + window;
            counter.Count = 0;
        }

        var allowed = counter.Count < limit;
        if (allowed)
        {
            counter.Count++;
        }

        counter.Limit = limit;
        return new RateLimitDecision(allowed, limit, Math.Max(0, limit - counter.Count), counter.WindowEnds);
    }

    private void Evict(DateTimeOffset now)
    {
        var oldest = _recency.Last!;
        _recency.RemoveLast();
        _index.Remove(oldest.Value.Bucket);
        Evictions++;

        var counter = oldest.Value;
        if (counter.WindowEnds <= now || counter.Count == 0)
        {
            return;
        }

        // Keep the larger share: a slot never under-states what any counter dropped into it used.
        ref var slot = ref _sketch[SlotOf(counter.Bucket)];
        var used = (double)counter.Count / Math.Max(1, counter.Limit);
        slot = slot.Until <= now
            ? (used, counter.WindowEnds)
            : (Math.Max(slot.Used, used), slot.Until > counter.WindowEnds ? slot.Until : counter.WindowEnds);
    }

    private Counter Restore(string bucket, int limit, TimeSpan window, DateTimeOffset now)
    {
        var slot = _sketch[SlotOf(bucket)];
        if (slot.Until <= now)
        {
            return new Counter(bucket);
        }

        // A slot's window may come from a longer tier: never hold a client longer than its own window.
        var latest = now + window;
        return new Counter(bucket)
        {
            Count = (int)Math.Min(limit, Math.Ceiling(slot.Used * limit)),
            WindowEnds = slot.Until < latest ? slot.Until : latest,
            Limit = limit,
        };
    }

    // The string hash is seeded per process, so it is independent of the gateway's stable shard hash
    // (with the same hash, a shard's keys would use only every n-th slot); the sketch lives in memory only.
    private static int SlotOf(string bucket) => (int)((uint)StringComparer.Ordinal.GetHashCode(bucket) % SketchSlots);

    private sealed class Counter(string bucket)
    {
        public string Bucket { get; } = bucket;

        public int Count { get; set; }

        public int Limit { get; set; } = 1;

        public DateTimeOffset WindowEnds { get; set; }
    }
}
