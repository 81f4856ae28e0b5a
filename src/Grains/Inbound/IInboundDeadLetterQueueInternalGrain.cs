namespace Akademia.Webhooks.Grains.Inbound;

[Alias("akademia.internal.IInboundDeadLetterIndexGrain")]
public interface IInboundDeadLetterQueueInternalGrain : IGrainWithStringKey
{
    /// <summary>Entries in the queue: dead-lettered and not replayed; from the index head's counters, no page is read.</summary>
    [Alias("CountAsync"), ReadOnly]
    Task<long> CountAsync();
}
