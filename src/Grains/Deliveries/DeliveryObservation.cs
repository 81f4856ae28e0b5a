using Akademia.Webhooks.Grains.Monitoring;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>Metrics and the integration monitor for one attempt; the recorded outcome follows from the same rules.</summary>
public static class DeliveryObservation
{
    public static void Observe(MonitorBuffer monitor, DeliveryState current, DeliveryAttempt attempt, DateTimeOffset now, bool exhausted)
    {
        var number = attempt.Number;
        if (number == 1)
        {
            monitor.DeliveryStarted();
        }

        var outcome = attempt.Succeeded ? "success" : attempt.ErrorCode switch
        {
            DeliveryErrorCodes.CircuitBreakerOpen => "circuit_open",
            DeliveryErrorCodes.ForbiddenDestination => "forbidden",
            DeliveryErrorCodes.Timeout => "timeout",
            DeliveryErrorCodes.NetworkError => "network_error",
            _ => "http_error",
        };
        WebhookMetrics.DeliveryAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (attempt.ErrorCode is not DeliveryErrorCodes.CircuitBreakerOpen and not DeliveryErrorCodes.ForbiddenDestination)
        {
            WebhookMetrics.AttemptDuration.Record(attempt.DurationMs, new KeyValuePair<string, object?>("outcome", outcome));
        }

        var wasAwaitingRetry = current.Attempts.Length > 0;
        if (attempt.Succeeded)
        {
            WebhookMetrics.DeliveryLatency.Record((now - current.CreatedAt).TotalMilliseconds);
            monitor.AttemptSucceeded(attempt.DurationMs);
            monitor.DeliveryProgressed(wasAwaitingRetry, isAwaitingRetry: false, DeliveryStatus.Delivered);
            return;
        }

        monitor.AttemptFailed(new MonitoredError(now, attempt.ErrorCode ?? "HTTP_ERROR", attempt.StatusCode, current.EndpointId, attempt.ErrorMessage));
        monitor.DeliveryProgressed(wasAwaitingRetry, isAwaitingRetry: !exhausted, exhausted ? DeliveryStatus.DeadLettered : DeliveryStatus.Pending);
    }
}
