using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Grains.Attempts;

/// <summary>
/// The way every attempt to reach an endpoint goes, for deliveries and for the test route alike:
/// ask once (a concurrency slot at the endpoint and what to send to), send (through the URL's
/// circuit breaker and the failover, signed), report once (the outcome and what the receiver's answer
/// said). Callers see only these three steps; what grants the slot behind <see cref="AskAsync"/> may
/// change without them noticing.
/// </summary>
public interface IAttemptPipeline
{
    /// <summary>
    /// Asks for the endpoint's slot for <paramref name="deliveryId"/> and, once it is held, for the target.
    /// Idempotent: a holder is told yes again, a queued delivery keeps its place and is told
    /// <see cref="IDeliveryInternalGrain.SlotGrantedAsync"/> later, when it asks again with
    /// <paramref name="slotGranted"/> to fetch the target only.
    /// </summary>
    Task<AttemptTicket> AskAsync(string deliveryId, string endpointId, bool slotGranted);

    /// <summary>
    /// Registers an attempt with the silo's <see cref="AttemptDrain"/> before it sends; <c>null</c> once the
    /// silo is stopping, and then nothing may be sent. Dispose the result once the outcome is recorded.
    /// </summary>
    AttemptInFlight? TryBegin();

    /// <summary>
    /// Sends one signed attempt to the ticket's target through the breaker of its URL, or of the
    /// failover URL when the primary's breaker rejects or the endpoint's health prefers it. A rejection
    /// is an attempt that reached no one. Never throws for anything the receiver or the network does;
    /// throws <see cref="OperationCanceledException"/> when <paramref name="handBack"/> is cancelled, and
    /// then no outcome exists.
    /// </summary>
    Task<AttemptOutcome> SendAsync(AttemptTicket ticket, string eventId, string messageId, string body, int number, CancellationToken handBack = default);

    /// <summary>
    /// Reports once what became of the ticket: the outcome to the breaker and the endpoint's health
    /// (only when the request reached the network), the receiver's feedback to the endpoint's rate,
    /// and the slot back. <paramref name="outcome"/> is <c>null</c> when nothing was sent.
    /// </summary>
    Task ReportAsync(AttemptTicket ticket, AttemptOutcome? outcome);
}
