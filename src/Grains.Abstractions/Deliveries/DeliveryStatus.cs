namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Where a delivery stands.
/// </summary>
public enum DeliveryStatus
{
    /// <summary>Not yet delivered; an attempt is under way or scheduled.</summary>
    Pending = 0,

    /// <summary>A 2xx answer was received.</summary>
    Delivered = 1,

    /// <summary>Every attempt failed, or the failure was permanent; the delivery was archived.</summary>
    DeadLettered = 2,

    /// <summary>The endpoint was deleted before the delivery succeeded; nothing more is attempted.</summary>
    Canceled = 3,
}
