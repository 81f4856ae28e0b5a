using Akademia.Webhooks.Grains.Retention;

namespace Akademia.Webhooks.Grains.DeadLetters;

[Alias("akademia.internal.IDeadLetterArchiveGrain")]
public interface IDeadLetterInternalGrain : IGrainWithStringKey, IRetainedInternalGrain
{
    /// <summary>
    /// Stores the entry unless it exists; repeats are harmless. Completes once the entry is stored: an
    /// index that fails or is slow is repaired later, so the delivery settles and is not sent again.
    /// </summary>
    [Alias("ArchiveAsync")]
    Task ArchiveAsync(DeadLetterEntry entry);

    /// <summary>Removes the entry from every index page it is on and clears its stored state; idempotent; nothing when absent.</summary>
    [Alias("PurgeAsync")]
    Task PurgeAsync();

    /// <summary>
    /// Replaces the stored payload copy with an empty one and stamps <see cref="DeadLetterEntry.PayloadErasedAt"/>,
    /// keeping every other field; idempotent. Answers the entry's replay count (0 when absent or purged).
    /// </summary>
    [Alias("ErasePayloadAsync")]
    Task<int> ErasePayloadAsync();

    /// <summary>Like <see cref="ErasePayloadAsync"/>, but answers <c>null</c> when there is no entry (never archived, or purged).</summary>
    [Alias("EraseCopyAsync")]
    Task<int?> EraseCopyAsync();
}
