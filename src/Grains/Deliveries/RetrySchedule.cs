using System.Globalization;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// Where the retry schedule files a pending delivery: one of <see cref="Partitions"/> partitions by a
/// stable hash of its id, and within it the minute its next attempt is due. Pure arithmetic, shared
/// by the delivery that files itself and the grains that hold the files.
/// </summary>
public static class RetrySchedule
{
    /// <summary>
    /// Partitions of the schedule. A bucket holds the deliveries of one partition due in one minute, so
    /// 64 keeps a bucket under 1 MB up to about a million retries falling due in the same minute.
    /// </summary>
    public const int Partitions = 64;

    /// <summary>The partition of a delivery: FNV-1a over its id, so every silo and version agree.</summary>
    public static int PartitionOf(string deliveryId)
    {
        var hash = 2166136261u;
        foreach (var c in deliveryId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Partitions);
    }

    /// <summary>The minute (since 0001-01-01 UTC) that <paramref name="at"/> falls in.</summary>
    public static long MinuteOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerMinute;

    /// <summary>The key of the bucket grain of one partition and minute.</summary>
    public static string BucketKey(int partition, long minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{partition}/{minute}");

    /// <summary>The partition and minute a bucket key names.</summary>
    public static (int Partition, long Minute) ParseBucketKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(key.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || !long.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            || partition >= Partitions)
        {
            throw new ArgumentException($"'{key}' is not a retry bucket key.", nameof(key));
        }

        return (partition, minute);
    }

    /// <summary>
    /// Whether a delivery that a bucket of <paramref name="minute"/> holds is still filed there: it is
    /// pending and its next attempt falls in that minute. Every other bucket holding it is stale, since
    /// each change of a pending delivery's due time files it again.
    /// </summary>
    public static bool IsFiledIn(long minute, bool pending, DateTimeOffset? nextAttemptAt) =>
        pending && (nextAttemptAt is not { } next || MinuteOf(next) == minute);
}
