namespace Akademia.Webhooks.Grains.Inbound;

[Alias("akademia.internal.IInboundMessageWorkerGrain")]
public interface IInboundMessageInternalGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the message and schedules its processing, unless it exists: then it is a duplicate and
    /// nothing changes. True when this call stored it.
    /// </summary>
    [Alias("AcceptAsync")]
    Task<bool> AcceptAsync(InboundAcceptance acceptance);

    /// <summary>Gives a failed message a fresh attempt budget and schedules it. Throws <c>CONFLICT</c> unless it failed.</summary>
    [Alias("ReplayAsync")]
    Task ReplayAsync();

    /// <summary>The message without its body and headers, for listings.</summary>
    [Alias("GetSummaryAsync"), AlwaysInterleave]
    Task<InboundMessage?> GetSummaryAsync();
}
