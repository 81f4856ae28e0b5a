namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// The head of one index scope: its non-empty day buckets, newest day first, and counters kept as
/// pages change, so that counting never reads a page.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.DeadLetterScopeState")]
public sealed record DeadLetterScopeState
{
    [Id(0)] public DeadLetterBucket[] Buckets { get; init; } = [];

    /// <summary>Summaries ever added to the scope: never goes down, not even when entries are purged.</summary>
    [Id(1)] public long Archived { get; init; }

    /// <summary>Summaries on the scope's pages now.</summary>
    [Id(2)] public long Listed { get; init; }

    /// <summary>Of <see cref="Listed"/>, those hidden from default listings (outbound: deleted; inbound: replayed).</summary>
    [Id(3)] public long Hidden { get; init; }
}
