namespace Akademia.Webhooks.Grains.Retention;

/// <summary>
/// A grain whose state is kept for a retention and then purged by the sweeper. Each kind of
/// <see cref="RetentionKind"/> names one grain type implementing it. Silo-internal.
/// </summary>
[Alias("akademia.internal.IRetainedGrain")]
public interface IRetainedInternalGrain : IGrainWithStringKey
{
    /// <summary>
    /// Purges this grain's state (and what it owns) because its retention has ended; idempotent, and
    /// nothing when it is already gone. Answers <c>null</c> when purged, or when to ask again when
    /// something it owns cannot be purged yet (a delivery still pending).
    /// </summary>
    [Alias("ExpireAsync")]
    Task<DateTimeOffset?> ExpireAsync();
}
