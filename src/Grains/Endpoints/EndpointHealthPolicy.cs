using Akademia.Webhooks.Grains.Events;

namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// The decisions an endpoint's attempts lead to: a streak of failures is announced as failing after
/// <see cref="EndpointPolicyOptions.FailingAfterConsecutiveFailures"/>, a success after an announced
/// streak as recovered, and an active endpoint is disabled on a 410 Gone or once it has failed without a
/// success for <see cref="EndpointPolicyOptions.AutoDisableAfter"/>. The measurements these and the SLA
/// verdict use come from <see cref="EndpointHealthTracker"/>.
/// </summary>
public static class EndpointHealthPolicy
{
    public static EndpointHealthVerdict Judge(EndpointHealthState health, EndpointDetails endpoint, AttemptReport report, EndpointPolicyOptions options, DateTimeOffset now)
    {
        if (report.Succeeded)
        {
            EndpointHealthEvent[] recovered = health.FailingAnnounced
                ? [new(OperationalEvents.EndpointRecovered, report.At, new() { ["url"] = report.Url, ["deliveryId"] = report.DeliveryId })]
                : [];
            return new(EndpointHealthState.Healthy, null, recovered, health.FailingSince is not null || health.FailingAnnounced);
        }

        var failingSince = health.FailingSince ?? report.At;
        var failures = health.ConsecutiveFailures + 1;
        var announce = !health.FailingAnnounced && failures >= options.FailingAfterConsecutiveFailures;
        var events = new List<EndpointHealthEvent>(2);
        if (announce)
        {
            events.Add(new(OperationalEvents.EndpointFailing, failingSince, new()
            {
                ["url"] = report.Url,
                ["consecutiveFailures"] = failures,
                ["lastStatus"] = report.StatusCode,
                ["lastError"] = report.ErrorCode,
                ["failingSince"] = failingSince,
            }));
        }

        var disableReason = !endpoint.Active ? null
            : report.StatusCode == 410 ? $"{report.Url} answered 410 Gone"
            : now - failingSince >= options.AutoDisableAfter ? $"failing without a success since {failingSince:O}"
            : null;
        if (disableReason is not null)
        {
            events.Add(new(OperationalEvents.EndpointDisabled, failingSince, new() { ["url"] = endpoint.Url, ["reason"] = disableReason }));
        }

        var next = new EndpointHealthState(failingSince, health.FailingAnnounced || announce, failures);
        var disabled = disableReason is null ? null : endpoint with { Active = false, DisabledReason = disableReason, DisabledAt = now, UpdatedAt = now };
        return new(next, disabled, events, health.FailingSince is null || announce || disabled is not null);
    }

    /// <summary>Whether the recent attempts meet the endpoint's SLA; <c>null</c> without an SLA or without attempts.</summary>
    public static bool? SlaCompliant(EndpointSla? sla, int attempts, double errorRate, double averageResponseMs) =>
        sla is not null && attempts > 0
            ? (sla.MinAvailability is not { } min || 100 * (1 - errorRate) >= min) && (sla.MaxResponseTimeMs is not { } max || averageResponseMs <= max)
            : null;
}
