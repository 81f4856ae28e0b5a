namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// The pending deliveries of one partition whose next attempt is due in one minute; key
/// <see cref="RetrySchedule.BucketKey"/>. Silo-internal.
/// </summary>
[Alias("akademia.internal.IRetryBucketGrain")]
public interface IRetryBucketInternalGrain : IGrainWithStringKey
{
    /// <summary>Files a delivery; answers once it is stored. Repeats are harmless.</summary>
    [Alias("AddAsync")]
    Task AddAsync(string deliveryId);

    /// <summary>
    /// Asks each filed delivery to attempt now if due (regardless, when <paramref name="force"/>), only
    /// those of <paramref name="applicationId"/> when one is named; forgets the stale ones. Answers how
    /// many started and how many remain filed.
    /// </summary>
    [Alias("ProcessAsync")]
    Task<(int Started, int Remaining)> ProcessAsync(bool force, string? applicationId);

    /// <summary>Forgets the deliveries no longer filed here; answers how many remain.</summary>
    [Alias("PruneAsync")]
    Task<int> PruneAsync();

    /// <summary>The deliveries stored as filed here, stale ones included until the next prune.</summary>
    [Alias("ReadAsync"), ReadOnly]
    Task<string[]> ReadAsync();
}
