namespace Akademia.Webhooks.Grains.Deliveries;

[Alias("akademia.internal.IBulkheadGrain")]
public interface IBulkheadGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes a slot if one is free and the endpoint's rate allows. Otherwise the delivery is queued and
    /// later told <see cref="IDeliveryInternalGrain.SlotGrantedAsync"/>, holding the slot then.
    /// </summary>
    [Alias("TryAcquireAsync")]
    Task<bool> TryAcquireAsync(string deliveryId);

    [Alias("ReleaseAsync"), OneWay]
    Task ReleaseAsync(string deliveryId);

    /// <summary>
    /// What the receiver's answer said, sent as soon as it arrives (before the attempt is recorded), so
    /// that the rate adapts before the next slots are handed out; with the endpoint's current limit.
    /// </summary>
    [Alias("LearnAsync"), OneWay]
    Task LearnAsync(ReceiverFeedback feedback, EndpointRateLimit? rateLimit);

    [Alias("GetRateAsync"), ReadOnly]
    Task<DeliveryRateSnapshot> GetRateAsync();
}
