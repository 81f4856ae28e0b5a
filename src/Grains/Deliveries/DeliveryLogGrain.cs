using System.Globalization;
using Akademia.Webhooks.Grains.Persistence;
using Akademia.Webhooks.Grains.Retention;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// An endpoint's delivery history, newest first, for paging. Only the open segment is rewritten on
/// append; full segments are sealed once into <see cref="DeliveryLogSegmentGrain"/>, so the cost of an
/// append does not grow with history. Appends that arrive together share one storage write. Each write
/// that seals a segment also drops up to <see cref="SegmentsDroppedPerSeal"/> of the oldest sealed
/// segments whose newest entry is past the retention (the endpoint's application's, the default for
/// inbound logs): bounded work, paid once per segment, that keeps pace with a log that grows.
/// </summary>
[Reentrant, GrainType("delivery-log")]
public sealed class DeliveryLogGrain(
    [PersistentState("delivery-log", StorageNames.Webhooks)] IPersistentState<DeliveryLogState> state,
    IOptions<DeliveryOptions> options,
    RetentionPeriods retention,
    TimeProvider timeProvider)
    : Grain, IDeliveryLogGrain
{
    /// <summary>Expired segments one seal drops at most: more than the one it adds, so an old backlog drains.</summary>
    public const int SegmentsDroppedPerSeal = 2;

    // How far apart the clocks of the silos that stamp entries may be.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    // Sealed segments read for AppendOnceAsync, so that many re-driven deliveries after one crash
    // share the reads. Bounded: only segments near the top are ever looked at.
    private const int LookbackCacheSegments = 64;

    // A look-back never reads more than this; past it a duplicate listing is possible, and far
    // cheaper than reading an endpoint's whole history.
    private const int MaxLookbackSegments = 1_000;

    private readonly int _segmentSize = options.Value.DeliveryLogSegmentSize;
    private readonly Dictionary<int, (HashSet<string> Ids, DateTimeOffset Newest)> _sealedIds = [];
    private List<DeliveryLogEntry> _buffer = [];

    // The delivery ids of the open segment, kept with it rather than rebuilt on every append.
    private HashSet<string>? _openIds;
    private GroupCommit? _commit;

    // The retention of this log's entries, read once per activation.
    private TimeSpan? _retention;

    public Task AppendAsync(DeliveryLogEntry entry)
    {
        _buffer.Add(entry);
        return (_commit ??= new GroupCommit(FlushAsync)).CommitAsync();
    }

    public async Task AppendOnceAsync(DeliveryLogEntry entry, DateTimeOffset notBefore)
    {
        if (!await IsListedAsync(entry.DeliveryId, notBefore - ClockSkew))
        {
            await AppendAsync(entry);
        }
    }

    private async Task<bool> IsListedAsync(string deliveryId, DateTimeOffset notBefore)
    {
        if (_buffer.Any(e => e.DeliveryId == deliveryId) || state.State.Entries.Any(e => e.DeliveryId == deliveryId))
        {
            return true;
        }

        // Entries are appended in time order, so a segment whose newest entry is older than the
        // delivery's event was sealed before the delivery could be listed: nothing below it can hold it.
        var lowest = Math.Max(state.State.FirstSegment, state.State.Segment - MaxLookbackSegments);
        for (var segment = state.State.Segment - 1; segment >= lowest; segment--)
        {
            if (!_sealedIds.TryGetValue(segment, out var sealedSegment))
            {
                var entries = await GrainFactory.GetGrain<IDeliveryLogSegmentGrain>(SegmentKey(segment)).GetAsync();
                sealedSegment = (entries.Select(e => e.DeliveryId).ToHashSet(StringComparer.Ordinal), entries.Length == 0 ? DateTimeOffset.MinValue : entries[^1].CreatedAt);
                if (_sealedIds.Count >= LookbackCacheSegments)
                {
                    _sealedIds.Remove(_sealedIds.Keys.Min());
                }

                _sealedIds[segment] = sealedSegment;
            }

            if (sealedSegment.Ids.Contains(deliveryId))
            {
                return true;
            }

            if (sealedSegment.Newest < notBefore)
            {
                return false;
            }
        }

        return false;
    }

    public async Task<(DeliveryLogEntry[] Entries, string? NextCursor)> ReadAsync(int limit, string? cursor)
    {
        var (segment, remaining) = cursor is null ? (state.State.Segment, state.State.Entries.Count) : ParseCursor(cursor, state.State.Segment);
        var page = new List<DeliveryLogEntry>(limit);
        while (page.Count < limit && segment >= state.State.FirstSegment)
        {
            var entries = segment == state.State.Segment
                ? state.State.Entries
                : (IReadOnlyList<DeliveryLogEntry>)await GrainFactory.GetGrain<IDeliveryLogSegmentGrain>(SegmentKey(segment)).GetAsync();
            remaining = Math.Min(remaining, entries.Count);
            while (page.Count < limit && remaining > 0)
            {
                page.Add(entries[--remaining]);
            }

            if (remaining == 0)
            {
                segment--;
                remaining = int.MaxValue;
            }
        }

        // "From the newest entry of that segment" is written as int.MaxValue, not as the configured
        // segment size: segments sealed under an earlier, larger size must not lose their newest entries.
        var next = segment >= state.State.FirstSegment && page.Count == limit && (segment < state.State.Segment || remaining > 0)
            ? string.Create(CultureInfo.InvariantCulture, $"{segment}.{remaining}")
            : null;
        return (page.ToArray(), next);
    }

    private Task FlushAsync()
    {
        var batch = _buffer;
        _buffer = [];
        return ApplyAsync(batch);
    }

    private async Task ApplyAsync(List<DeliveryLogEntry> batch)
    {
        // A delivery re-driven after a crash may append twice; the open segment is where the twin is.
        var present = _openIds ??= state.State.Entries.Select(e => e.DeliveryId).ToHashSet(StringComparer.Ordinal);
        var open = present;
        var entries = new List<DeliveryLogEntry>(state.State.Entries.Count + batch.Count);
        entries.AddRange(state.State.Entries);
        var sealedOne = false;
        try
        {
            foreach (var entry in batch.Where(e => present.Add(e.DeliveryId)))
            {
                if (entries.Count >= _segmentSize)
                {
                    await GrainFactory.GetGrain<IDeliveryLogSegmentGrain>(SegmentKey(state.State.Segment)).SealAsync([.. entries]);
                    state.State = state.State with { Segment = state.State.Segment + 1, Entries = [] };
                    sealedOne = true;
                    entries = [];
                    open = new HashSet<string>(StringComparer.Ordinal);
                }

                entries.Add(entry);
                open.Add(entry.DeliveryId);
            }

            var first = sealedOne ? await DropExpiredSegmentsAsync() : state.State.FirstSegment;
            state.State = state.State with { Entries = entries, FirstSegment = first };
            _openIds = open;
            await state.WriteStateAsync();
        }
        catch
        {
            // What is stored is uncertain now: rebuild the set from the state on the next append.
            _openIds = null;
            throw;
        }
    }

    /// <summary>Drops the oldest sealed segments past the retention, at most <see cref="SegmentsDroppedPerSeal"/>; answers the new first segment.</summary>
    private async Task<int> DropExpiredSegmentsAsync()
    {
        var first = state.State.FirstSegment;
        var cutoff = timeProvider.GetUtcNow() - (_retention ??= await RetentionAsync());
        for (var dropped = 0; dropped < SegmentsDroppedPerSeal && first < state.State.Segment; dropped++)
        {
            var segment = GrainFactory.GetGrain<IDeliveryLogSegmentGrain>(SegmentKey(first));
            var entries = await segment.GetAsync();
            if (entries.Length > 0 && entries[^1].CreatedAt >= cutoff)
            {
                break;
            }

            await segment.ClearAsync();
            _sealedIds.Remove(first);
            first++;
        }

        return first;
    }

    // An endpoint's log keeps its application's retention; an inbound log (no application) the default.
    private async Task<TimeSpan> RetentionAsync()
    {
        var key = this.GetPrimaryKeyString();
        if (key.StartsWith("inbound:", StringComparison.Ordinal))
        {
            return retention.Default;
        }

        var endpoint = await GrainFactory.GetGrain<IEndpointGrain>(key).GetAsync();
        return endpoint is null ? retention.Default : await retention.OfAsync(ApplicationIds.Of(endpoint.ApplicationId));
    }

    private string SegmentKey(int segment) => string.Create(CultureInfo.InvariantCulture, $"{this.GetPrimaryKeyString()}/{segment}");

    private static (int Segment, int Remaining) ParseCursor(string cursor, int openSegment)
    {
        // A segment beyond the open one was never issued; reading down from it would visit every
        // number in between, one grain call each.
        var parts = cursor.Split('.');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var segment)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var remaining)
            && segment <= openSegment)
        {
            return (segment, remaining);
        }

        throw new ValidationFailedException(new() { ["cursor"] = "is not a cursor returned by this API" });
    }
}
