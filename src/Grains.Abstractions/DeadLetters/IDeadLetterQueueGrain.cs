namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The dead-letter queue as a whole. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IDeadLetterQueueGrain")]
public interface IDeadLetterQueueGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>Entries matching the query, most recently failed first.</summary>
    [Alias("ListAsync")]
    Task<DeadLetterPage> ListAsync(DeadLetterQuery query);

    /// <summary>Replays up to <see cref="DeadLetterQuery.Limit"/> entries matching the query.</summary>
    [Alias("ReplayAsync")]
    Task<BatchReplayResult> ReplayAsync(DeadLetterQuery query);
}
