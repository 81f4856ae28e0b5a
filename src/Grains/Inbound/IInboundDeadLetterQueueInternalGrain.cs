namespace Akademia.Webhooks.Grains.Inbound;

[Alias("akademia.internal.IInboundDeadLetterIndexGrain")]
public interface IInboundDeadLetterQueueInternalGrain : IGrainWithStringKey
{
    [Alias("UpsertAsync")]
    Task UpsertAsync(InboundDeadLetterSummary summary);

    /// <summary>Entries in the queue: dead-lettered and not replayed.</summary>
    [Alias("CountAsync"), ReadOnly]
    Task<long> CountAsync();
}
