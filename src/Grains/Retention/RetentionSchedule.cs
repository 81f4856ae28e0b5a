using System.Globalization;

namespace Akademia.Webhooks.Grains.Retention;

/// <summary>
/// Where a retention filing goes: one of <see cref="Partitions"/> partitions by a stable hash of what
/// it names, and within it the hour its retention ends. Pure arithmetic, shared by the grains that
/// file themselves and the sweeper that purges them.
/// </summary>
public static class RetentionSchedule
{
    /// <summary>Partitions of the schedule, each with one sweeper and one reminder.</summary>
    public const int Partitions = 64;

    /// <summary>The width of a bucket: a bucket is swept once its hour has passed.</summary>
    public static readonly TimeSpan BucketWidth = TimeSpan.FromHours(1);

    /// <summary>How much later a filing that cannot be purged yet (a delivery still pending) is looked at again.</summary>
    public static readonly TimeSpan RetryLater = TimeSpan.FromHours(1);

    /// <summary>The partition of <paramref name="id"/>: FNV-1a over it, so every silo and version agree.</summary>
    public static int PartitionOf(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Partitions);
    }

    /// <summary>The hour (since 0001-01-01 UTC) that <paramref name="at"/> falls in.</summary>
    public static long HourOf(DateTimeOffset at) => at.UtcTicks / BucketWidth.Ticks;

    /// <summary>
    /// Whether the bucket of <paramref name="hour"/> may be swept at <paramref name="now"/>: once the
    /// whole hour has passed, so nothing in it is purged before its due time.
    /// </summary>
    public static bool IsDue(long hour, DateTimeOffset now) => HourOf(now) > hour;

    /// <summary>When what was stored at <paramref name="storedAt"/> falls due under <paramref name="retention"/>; never past the calendar's end.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset storedAt, TimeSpan retention) =>
        DateTimeOffset.MaxValue - storedAt < retention ? DateTimeOffset.MaxValue : storedAt + retention;

    /// <summary>The key of the bucket grain of one partition and hour.</summary>
    public static string BucketKey(int partition, long hour) =>
        string.Create(CultureInfo.InvariantCulture, $"{partition}/{hour}");

    /// <summary>The key of the bucket that <paramref name="id"/> due at <paramref name="dueAt"/> is filed in.</summary>
    public static string BucketKeyFor(string id, DateTimeOffset dueAt) => BucketKey(PartitionOf(id), HourOf(dueAt));

    /// <summary>The partition and hour a bucket key names.</summary>
    public static (int Partition, long Hour) ParseBucketKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(key.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || !long.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || partition >= Partitions)
        {
            throw new ArgumentException($"'{key}' is not a retention bucket key.", nameof(key));
        }

        return (partition, hour);
    }
}
