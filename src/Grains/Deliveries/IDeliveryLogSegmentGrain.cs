namespace Akademia.Webhooks.Grains.Deliveries;

[Alias("akademia.internal.IDeliveryLogSegmentGrain")]
public interface IDeliveryLogSegmentGrain : IGrainWithStringKey
{
    [Alias("SealAsync")]
    Task SealAsync(DeliveryLogEntry[] entries);

    [Alias("GetAsync"), ReadOnly]
    Task<DeliveryLogEntry[]> GetAsync();

    /// <summary>Drops the segment, its retention having passed; idempotent.</summary>
    [Alias("ClearAsync")]
    Task ClearAsync();
}
