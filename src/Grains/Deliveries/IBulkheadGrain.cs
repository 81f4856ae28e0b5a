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
    /// Gives the slot back with what the receiver's answer said, sent as soon as it arrives (before the
    /// attempt is recorded): the rate adapts, with the endpoint's current limit, before the slot is handed on.
    /// </summary>
    [Alias("CompleteAsync"), OneWay]
    Task CompleteAsync(string deliveryId, ReceiverFeedback feedback, EndpointRateLimit? rateLimit);

    [Alias("GetRateAsync"), ReadOnly]
    Task<DeliveryRateSnapshot> GetRateAsync();
}
