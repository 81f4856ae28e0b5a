namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One inbound message; the key is its id.
/// </summary>
[Alias("akademia.IInboundMessageGrain")]
public interface IInboundMessageGrain : IGrainWithStringKey
{
    /// <summary>The message with its body and attempts, or <c>null</c> when there is none.</summary>
    [Alias("GetAsync"), AlwaysInterleave]
    Task<InboundMessage?> GetAsync();
}
