namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The inbound dead-letter queue as a whole. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IInboundDeadLetterQueueGrain")]
public interface IInboundDeadLetterQueueGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>Entries matching the query, most recently failed first.</summary>
    [Alias("ListAsync")]
    Task<InboundDeadLetterPage> ListAsync(InboundDeadLetterQuery query);

    /// <summary>
    /// Replays up to <see cref="InboundDeadLetterQuery.Limit"/> entries in the queue matching the query.
    /// An entry replayed meanwhile by another call is reported as failed (<c>CONFLICT</c>).
    /// </summary>
    /// <remarks>Interleaves: each replayed entry updates this queue's index while the batch is still running.</remarks>
    [Alias("ReplayAsync"), AlwaysInterleave]
    Task<InboundBatchReplayResult> ReplayAsync(InboundDeadLetterQuery query);
}
