namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// One partition of the retry schedule: which of its minute buckets may hold pending deliveries.
/// Key: the partition, 0 to <see cref="RetrySchedule.Partitions"/> - 1. Silo-internal.
/// </summary>
[Alias("akademia.internal.IRetryScheduleGrain")]
public interface IRetryScheduleInternalGrain : IGrainWithIntegerKey
{
    /// <summary>Records that the bucket of <paramref name="minute"/> holds deliveries; written before the bucket is.</summary>
    [Alias("AnnounceAsync")]
    Task AnnounceAsync(long minute);

    /// <summary>The minutes of the buckets that may hold deliveries, up to and including <paramref name="throughMinute"/>, oldest first.</summary>
    [Alias("ListAsync"), ReadOnly]
    Task<long[]> ListAsync(long throughMinute);

    /// <summary>Prunes the buckets of passed minutes now, as the schedule's timer does every few minutes.</summary>
    [Alias("PruneAsync"), AlwaysInterleave]
    Task PruneAsync();
}
