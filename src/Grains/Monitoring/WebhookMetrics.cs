using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>
/// The platform's instruments. Each process exports what it records at <c>/metrics</c>.
/// </summary>
public static class WebhookMetrics
{
    public const string MeterName = "Akademia.Webhooks";

    private static readonly Meter Meter = new(MeterName, typeof(WebhookMetrics).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> EventsPublished = Meter.CreateCounter<long>(
        "akademia.events.published", "{event}", "Events accepted and durably stored.");

    public static readonly Counter<long> DeliveryAttempts = Meter.CreateCounter<long>(
        "akademia.delivery.attempts", "{attempt}", "Delivery attempts, by outcome.");

    public static readonly Histogram<double> AttemptDuration = Meter.CreateHistogram<double>(
        "akademia.delivery.attempt.duration", "ms", "Duration of delivery attempts that reached the network.");

    public static readonly Histogram<double> DeliveryLatency = Meter.CreateHistogram<double>(
        "akademia.delivery.latency", "ms", "From publish to the successful attempt's answer.");

    public static readonly Counter<long> BreakerTransitions = Meter.CreateCounter<long>(
        "akademia.circuit_breaker.transitions", "{transition}", "Circuit breaker state changes, by new state.");

    public static readonly Counter<long> RateLimitDecisions = Meter.CreateCounter<long>(
        "akademia.ratelimit.requests", "{request}", "Requests counted by the rate limiter, by tier and whether blocked.");

    private static readonly ConcurrentDictionary<string, double> EndpointRates = new(StringComparer.Ordinal);

    public static readonly ObservableGauge<double> EndpointRate = Meter.CreateObservableGauge(
        "akademia.endpoint.delivery_rate",
        () => EndpointRates.Select(r => new Measurement<double>(r.Value, new KeyValuePair<string, object?>("endpoint", r.Key))),
        "{delivery}/s",
        "The adaptive delivery rate in force per rate-limited endpoint (on the silo hosting its dispatcher).");

    public static readonly Counter<long> RateAdjustments = Meter.CreateCounter<long>(
        "akademia.endpoint.rate_adjustments", "{adjustment}", "Changes of endpoints' adaptive delivery rates, by reason.");

    /// <summary>Records an endpoint's rate (null: no limit any more) and, with a reason, one adjustment.</summary>
    public static void RateAdjusted(string endpointId, double? rate, string? reason)
    {
        if (rate is { } value)
        {
            EndpointRates[endpointId] = value;
        }
        else
        {
            EndpointRates.TryRemove(endpointId, out _);
        }

        if (reason is not null)
        {
            RateAdjustments.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public static readonly UpDownCounter<long> DeadLetters = Meter.CreateUpDownCounter<long>(
        "akademia.dlq.size", "{entry}", "Dead-letter entries archived minus those deleted.");

    public static readonly Counter<long> InboundRequests = Meter.CreateCounter<long>(
        "akademia.inbound.requests", "{request}", "Inbound webhook requests, by provider, outcome (accepted, duplicate, rejected) and reason.");

    public static readonly Counter<long> InboundAttempts = Meter.CreateCounter<long>(
        "akademia.inbound.attempts", "{attempt}", "Inbound processing attempts, by provider and outcome (processed, retrying, failed).");

    public static readonly Histogram<double> InboundProcessingDuration = Meter.CreateHistogram<double>(
        "akademia.inbound.processing.duration", "ms", "Duration of successful inbound processing attempts, by provider.");

    public static readonly UpDownCounter<long> InboundDeadLetters = Meter.CreateUpDownCounter<long>(
        "akademia.inbound.dlq.size", "{entry}", "Inbound messages dead-lettered minus those replayed.");
}
