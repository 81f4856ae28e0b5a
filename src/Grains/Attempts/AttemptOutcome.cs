using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Grains.Attempts;

/// <summary>One attempt as recorded, and what the receiver's answer said about its capacity (none when nothing was sent).</summary>
public sealed record AttemptOutcome(DeliveryAttempt Attempt, ReceiverFeedback? Feedback)
{
    /// <summary>
    /// The request reached the network, so the outcome says something about the receiver: neither a breaker
    /// rejection nor a refused destination does.
    /// </summary>
    public bool ReachedNetwork => Attempt.ErrorCode is not DeliveryErrorCodes.CircuitBreakerOpen and not DeliveryErrorCodes.ForbiddenDestination;
}
