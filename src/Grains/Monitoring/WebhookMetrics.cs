using System.Diagnostics.Metrics;
using Akademia.Webhooks.Hosting;

namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>
/// TRANSITIONAL, remove once DeliveryGrain and the inbound grains call <see cref="PlatformInstruments"/>:
/// the instruments those grains still record with directly. Same meter name, version, instrument names,
/// units and descriptions as <see cref="PlatformInstruments"/>, so the exporter folds both into one series.
/// </summary>
public static class WebhookMetrics
{
    private static readonly Meter Meter = new(PlatformMeter.Name, typeof(PlatformInstruments).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> DeliveryAttempts = Meter.CreateCounter<long>(
        "akademia.delivery.attempts", "{attempt}", "Delivery attempts, by outcome.");

    public static readonly Histogram<double> AttemptDuration = Meter.CreateHistogram<double>(
        "akademia.delivery.attempt.duration", "ms", "Duration of delivery attempts that reached the network.");

    public static readonly Histogram<double> DeliveryLatency = Meter.CreateHistogram<double>(
        "akademia.delivery.latency", "ms", "From publish to the successful attempt's answer.");

    public static readonly Counter<long> InboundRequests = Meter.CreateCounter<long>(
        "akademia.inbound.requests", "{request}", "Inbound webhook requests, by provider, outcome (accepted, duplicate, rejected) and reason.");

    public static readonly Counter<long> InboundAttempts = Meter.CreateCounter<long>(
        "akademia.inbound.attempts", "{attempt}", "Inbound processing attempts, by provider and outcome (processed, retrying, failed).");

    public static readonly Histogram<double> InboundProcessingDuration = Meter.CreateHistogram<double>(
        "akademia.inbound.processing.duration", "ms", "Duration of successful inbound processing attempts, by provider.");

    public static readonly UpDownCounter<long> InboundDeadLetters = Meter.CreateUpDownCounter<long>(
        "akademia.inbound.dlq.size", "{entry}", "Inbound messages dead-lettered minus those replayed.");
}
