namespace Akademia.Webhooks.Grains.Inbound;

[Alias("akademia.internal.IInboundDeadLetterArchiveGrain")]
public interface IInboundDeadLetterInternalGrain : IGrainWithStringKey
{
    /// <summary>Stores the failure; a message failing again after a replay adds its new attempts to the history.</summary>
    [Alias("ArchiveAsync")]
    Task ArchiveAsync(InboundDeadLetter failure);
}
