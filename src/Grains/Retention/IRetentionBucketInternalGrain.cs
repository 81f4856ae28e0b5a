namespace Akademia.Webhooks.Grains.Retention;

/// <summary>What falls due in one partition's hour; key <see cref="RetentionSchedule.BucketKey"/>. Silo-internal.</summary>
[Alias("akademia.internal.IRetentionBucketGrain")]
public interface IRetentionBucketInternalGrain : IGrainWithStringKey
{
    /// <summary>Files <paramref name="filing"/>; answers once it is stored. Repeats are harmless.</summary>
    [Alias("AddAsync")]
    Task AddAsync(RetentionFiling filing);

    /// <summary>
    /// Asks up to <paramref name="max"/> filed grains to purge themselves; one that cannot yet (a
    /// pending delivery) is filed again later. Answers how many filings remain here.
    /// </summary>
    [Alias("PurgeAsync")]
    Task<int> PurgeAsync(int max);

    /// <summary>The filings stored here.</summary>
    [Alias("ReadAsync"), ReadOnly]
    Task<RetentionFiling[]> ReadAsync();
}
