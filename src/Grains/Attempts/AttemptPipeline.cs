using Akademia.Webhooks.Grains.Breakers;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Endpoints;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.Attempts;

/// <summary>
/// Today's pipeline: the endpoint's <see cref="IBulkheadGrain"/> grants the slot, the endpoint grain
/// names the target, one <see cref="ICircuitBreakerInternalGrain"/> per URL decides, and the
/// <see cref="WebhookSender"/> signs and sends. An attempt costs six grain calls: four awaited (slot,
/// target, breaker verdict, breaker outcome) and two one-way (the endpoint's health report, and the
/// slot's release, which carries the receiver's feedback). Stateless: one instance may serve any number
/// of attempts.
/// </summary>
public sealed partial class AttemptPipeline(IGrainFactory grainFactory, WebhookSender sender, AttemptDrain drain, TimeProvider timeProvider, ILogger<AttemptPipeline> logger) : IAttemptPipeline
{
    public async Task<AttemptTicket> AskAsync(string deliveryId, string endpointId, bool slotGranted)
    {
        var bulkhead = Bulkhead(endpointId);
        if (!slotGranted && !await bulkhead.TryAcquireAsync(deliveryId))
        {
            return AttemptTicket.Waiting(deliveryId, endpointId);
        }

        try
        {
            var target = await grainFactory.GetGrain<IEndpointInternalGrain>(endpointId).GetTargetAsync();
            return AttemptTicket.Held(deliveryId, endpointId) with { Target = target };
        }
        catch
        {
            // The slot goes back at once rather than after its lease: this attempt cannot start.
            _ = bulkhead.ReleaseAsync(deliveryId);
            throw;
        }
    }

    public AttemptInFlight? TryBegin() => drain.TryBegin();

    public async Task<AttemptOutcome> SendAsync(AttemptTicket ticket, string eventId, string messageId, string body, int number, CancellationToken handBack = default)
    {
        var target = ticket.Target ?? throw new InvalidOperationException($"Attempt {ticket.AttemptId} has no target to send to.");

        // The primary's breaker decides first, so that its half-open probe goes to the primary even
        // while traffic is on the failover: that probe is how traffic returns once it recovers.
        var url = target.Url;
        var verdict = await VerdictAsync(ticket, url);
        var useFailover = target.FailoverUrl is { } failover && (verdict == BreakerVerdict.Reject || (verdict == BreakerVerdict.Allow && target.PreferFailover));
        if (useFailover)
        {
            url = target.FailoverUrl!;
            verdict = await VerdictAsync(ticket, url);
        }

        if (verdict == BreakerVerdict.Reject)
        {
            return new AttemptOutcome(new DeliveryAttempt
            {
                Number = number,
                StartedAt = timeProvider.GetUtcNow(),
                ErrorCode = DeliveryErrorCodes.CircuitBreakerOpen,
                ErrorMessage = "Circuit breaker is open for this URL; no request was sent.",
                Url = url,
            }, null);
        }

        var (attempt, feedback) = await sender.SendWithFeedbackAsync(target with { Url = url }, eventId, messageId, body, number, handBack);
        return new AttemptOutcome(attempt, feedback);
    }

    public async Task ReportAsync(AttemptTicket ticket, AttemptOutcome? outcome)
    {
        if (ticket.HoldsSlot)
        {
            // One-way and first, so that the rate adapts before the next slots are handed out.
            var bulkhead = Bulkhead(ticket.EndpointId);
            _ = outcome?.Feedback is { } feedback
                ? bulkhead.CompleteAsync(ticket.AttemptId, feedback, ticket.Target?.RateLimit)
                : bulkhead.ReleaseAsync(ticket.AttemptId);
        }

        if (outcome is not { ReachedNetwork: true, Attempt: var attempt })
        {
            return;
        }

        if (ticket.CountsForEndpoint)
        {
            _ = grainFactory.GetGrain<IEndpointInternalGrain>(ticket.EndpointId).ReportAttemptAsync(new AttemptReport(
                attempt.Succeeded, attempt.StatusCode, attempt.ErrorCode, attempt.DurationMs, attempt.StartedAt, attempt.Url ?? string.Empty, ticket.AttemptId));
        }

        try
        {
            await Breaker(attempt.Url!).ReportAsync(attempt.Succeeded);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The request went out: it must be recorded whatever the breaker's fate (its grain may
            // be moving off a dead silo), or the attempt would be made again and a 2xx duplicated.
            // A lost report only delays the breaker by one outcome; a lost probe expires by lease.
            LogBreakerReportLost(logger, ticket.AttemptId, ex.Message);
        }
    }

    private async Task<BreakerVerdict> VerdictAsync(AttemptTicket ticket, string url)
    {
        try
        {
            return await Breaker(url).AcquireAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A breaker that cannot be asked (its grain is moving off a dead silo, or placing it timed out)
            // counts as closed, as a breaker lost with its silo does. Letting the failure escape would fail
            // the attempt with a runtime exception that may not even cross the wire to the caller.
            LogBreakerUnreachable(logger, ticket.AttemptId, ex.Message);
            return BreakerVerdict.Allow;
        }
    }

    private IBulkheadGrain Bulkhead(string endpointId) => grainFactory.GetGrain<IBulkheadGrain>(endpointId);

    private ICircuitBreakerInternalGrain Breaker(string url) => grainFactory.GetGrain<ICircuitBreakerInternalGrain>(CircuitBreakerKeys.For(url));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: the breaker did not take the attempt's outcome: {Reason}")]
    private static partial void LogBreakerReportLost(ILogger logger, string deliveryId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: the breaker could not be asked and counts as closed: {Reason}")]
    private static partial void LogBreakerUnreachable(ILogger logger, string deliveryId, string reason);
}
