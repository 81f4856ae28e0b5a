namespace Akademia.Webhooks.Grains.Retention;

/// <summary>
/// One partition of the retention schedule: which hour buckets may hold filings, swept on a reminder
/// while it lists any. Key: the partition, 0 to <see cref="RetentionSchedule.Partitions"/> - 1. Silo-internal.
/// </summary>
[Alias("akademia.internal.IRetentionSweeperGrain")]
public interface IRetentionSweeperInternalGrain : IGrainWithIntegerKey
{
    /// <summary>Records that the bucket of <paramref name="hour"/> holds filings; written before the bucket is.</summary>
    [Alias("AnnounceAsync")]
    Task AnnounceAsync(long hour);

    /// <summary>The hours listed, oldest first.</summary>
    [Alias("ListAsync"), ReadOnly]
    Task<long[]> ListAsync();

    /// <summary>Sweeps the buckets that fell due, as each reminder tick does; answers how many filings it purged or moved.</summary>
    [Alias("SweepAsync"), AlwaysInterleave]
    Task<int> SweepAsync();
}
