namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// One scope of a dead-letter index (the whole queue, an application, an endpoint, an inbound source;
/// keys from <see cref="DeadLetterScopes"/>): its head, and the way in to its pages.
/// </summary>
[Alias("akademia.internal.IDeadLetterScopeGrain")]
public interface IDeadLetterScopeGrain : IGrainWithStringKey
{
    /// <summary>Applies the changes; changes that arrive together share the page and head writes. Repeats are harmless.</summary>
    [Alias("ApplyAsync")]
    Task ApplyAsync(DeadLetterChange[] changes);

    [Alias("ScanAsync")]
    Task<DeadLetterScan> ScanAsync(DeadLetterScanRequest request);

    [Alias("GetCountsAsync")]
    Task<DeadLetterCounts> GetCountsAsync();

    /// <summary>The head's buckets, for tests and measurement (bounded by retention: one small record per page).</summary>
    [Alias("GetBucketsAsync")]
    Task<DeadLetterBucket[]> GetBucketsAsync();
}
