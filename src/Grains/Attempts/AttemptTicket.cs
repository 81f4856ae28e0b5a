using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Grains.Attempts;

/// <summary>The answer to asking for an attempt: whether it may go now, and where to.</summary>
public sealed record AttemptTicket
{
    /// <summary>The delivery's id; for a test send, its message id. Names the attempt in logs and reports.</summary>
    public required string AttemptId { get; init; }

    public required string EndpointId { get; init; }

    /// <summary>The attempt may go now. Otherwise it is queued for a slot.</summary>
    public bool Granted { get; init; }

    /// <summary>Holds one of the endpoint's slots, which the report gives back.</summary>
    public bool HoldsSlot { get; init; }

    /// <summary>Where to send; <c>null</c> while waiting, or when the endpoint never existed.</summary>
    public EndpointTarget? Target { get; init; }

    /// <summary>The outcome counts toward the endpoint's health and rate; a test send's does not.</summary>
    public bool CountsForEndpoint { get; init; }

    /// <summary>A delivery waiting for a slot.</summary>
    public static AttemptTicket Waiting(string deliveryId, string endpointId) => new() { AttemptId = deliveryId, EndpointId = endpointId };

    /// <summary>A slot held by a delivery whose target is not needed (the slot is only to be given back).</summary>
    public static AttemptTicket Held(string deliveryId, string endpointId) =>
        new() { AttemptId = deliveryId, EndpointId = endpointId, Granted = true, HoldsSlot = true, CountsForEndpoint = true };

    /// <summary>
    /// A test send: it takes no slot (it must not queue behind deliveries) and leaves the endpoint's health
    /// and rate alone; the breaker still decides and learns.
    /// </summary>
    public static AttemptTicket Test(string messageId, string endpointId, EndpointTarget target) =>
        new() { AttemptId = messageId, EndpointId = endpointId, Granted = true, Target = target };
}
