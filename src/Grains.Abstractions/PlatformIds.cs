namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Identifiers the platform hands out.
/// </summary>
public static class PlatformIds
{
    /// <summary>A new endpoint id: <c>ep_</c> and 26 lowercase letters and digits.</summary>
    public static string NewEndpointId() => "ep_" + Guid.CreateVersion7().ToString("N")[..26];

    /// <summary>A new event id: <c>evt_</c> and 32 hex digits, ordered by time.</summary>
    public static string NewEventId() => "evt_" + Guid.CreateVersion7().ToString("N");

    /// <summary>The id of the first delivery of an event to an endpoint, also its idempotency key.</summary>
    public static string DeliveryId(string eventId, string endpointId) => $"{eventId}:{endpointId}";

    /// <summary>
    /// The endpoint id inside a delivery id. Endpoint ids contain no <c>:</c>, so it is the part
    /// after the last <c>:</c> of the first delivery, or before <c>:replay-n</c> of a replay.
    /// </summary>
    public static string EndpointOf(string deliveryId)
    {
        var parts = deliveryId.Split(':');
        return parts.Length >= 3 && parts[^1].StartsWith("replay-", StringComparison.Ordinal) ? parts[^2] : parts[^1];
    }
}
