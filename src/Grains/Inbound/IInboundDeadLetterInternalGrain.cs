namespace Akademia.Webhooks.Grains.Inbound;

[Alias("akademia.internal.IInboundDeadLetterArchiveGrain")]
public interface IInboundDeadLetterInternalGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the failure; a message failing again after a replay adds its new attempts to the history.
    /// Completes once the entry is stored: an index that fails or is slow is repaired later.
    /// </summary>
    [Alias("ArchiveAsync")]
    Task ArchiveAsync(InboundDeadLetter failure);

    /// <summary>Removes the entry from every index page it is on and clears its stored state; idempotent; nothing when absent.</summary>
    [Alias("PurgeAsync")]
    Task PurgeAsync();
}
