namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One delivery of one event to one endpoint; the key is the delivery id.
/// </summary>
[Alias("akademia.IDeliveryGrain")]
public interface IDeliveryGrain : IGrainWithStringKey
{
    /// <summary>The delivery with its attempts, or <c>null</c> when there is none.</summary>
    [Alias("GetAsync"), AlwaysInterleave]
    Task<Delivery?> GetAsync();
}
