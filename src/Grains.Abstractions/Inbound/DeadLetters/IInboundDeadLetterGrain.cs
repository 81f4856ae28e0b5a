namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One inbound dead-letter entry; the key is the message id.
/// </summary>
[Alias("akademia.IInboundDeadLetterGrain")]
public interface IInboundDeadLetterGrain : IGrainWithStringKey
{
    /// <summary>The entry, or <c>null</c> when there is none.</summary>
    [Alias("GetAsync")]
    Task<InboundDeadLetter?> GetAsync();

    /// <summary>
    /// Queues the message for processing again, with a fresh attempt budget; the platform event keeps
    /// its id, so endpoints never get it twice. Throws <c>NOT_FOUND</c> when absent and
    /// <c>CONFLICT</c> when it was already replayed.
    /// </summary>
    [Alias("ReplayAsync")]
    Task<InboundReplayResult> ReplayAsync();
}
