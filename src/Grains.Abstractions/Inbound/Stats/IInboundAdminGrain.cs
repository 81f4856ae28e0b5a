namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Inbound operations as a whole. Stateless: call it with key 0.
/// </summary>
[Alias("akademia.IInboundAdminGrain")]
public interface IInboundAdminGrain : IGrainWithIntegerKey
{
    /// <summary>Messages matching the query, newest first, without bodies.</summary>
    [Alias("ListMessagesAsync")]
    Task<InboundMessagePage> ListMessagesAsync(InboundMessageQuery query);

    /// <summary>Figures per provider, queue sizes and the health score.</summary>
    [Alias("GetStatsAsync")]
    Task<InboundStats> GetStatsAsync();
}
