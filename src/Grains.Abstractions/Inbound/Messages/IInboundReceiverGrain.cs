namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The way in for inbound webhooks: verifies the signature, applies the source's rate limit,
/// deduplicates and stores the message, and answers before processing it. Stateless: call it with key 0.
/// </summary>
[Alias("akademia.IInboundReceiverGrain")]
public interface IInboundReceiverGrain : IGrainWithIntegerKey
{
    /// <summary>Receives one request. Throws <c>SERVICE_UNAVAILABLE</c> when the message cannot be stored.</summary>
    [Alias("ReceiveAsync")]
    Task<InboundReceipt> ReceiveAsync(InboundRequest request);
}
