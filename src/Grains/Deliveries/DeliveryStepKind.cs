namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>Where a delivery goes next.</summary>
public enum DeliveryStepKind
{
    /// <summary>The endpoint is gone: the delivery ends without another attempt.</summary>
    Canceled,

    /// <summary>The endpoint is paused: the delivery keeps its attempts and looks again later.</summary>
    Paused,

    /// <summary>The attempt succeeded.</summary>
    Delivered,

    /// <summary>The attempt failed and the ladder allows another.</summary>
    RetryScheduled,

    /// <summary>The attempt failed for good: archive the delivery as a dead letter.</summary>
    DeadLettered,
}
