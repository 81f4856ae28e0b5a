using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Hosting;

namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>
/// The one place grains report what happened: one method per fact, each feeding both the platform's
/// <see cref="Meter"/> (exported at <c>/metrics</c>) and the silo's <see cref="MonitorBuffer"/> (the
/// integration monitor). One per silo, so nothing about observation is static.
/// </summary>
public sealed partial class PlatformInstruments
{
    private readonly MonitorBuffer _monitor;
    private readonly Counter<long> _eventsPublished;
    private readonly Counter<long> _deliveryAttempts;
    private readonly Histogram<double> _attemptDuration;
    private readonly Histogram<double> _deliveryLatency;
    private readonly Counter<long> _breakerTransitions;
    private readonly Counter<long> _rateLimitDecisions;
    private readonly Counter<long> _rateAdjustments;
    private readonly UpDownCounter<long> _deadLetters;
    private readonly ConcurrentDictionary<string, double> _endpointRates = new(StringComparer.Ordinal);

    public PlatformInstruments(IMeterFactory meterFactory, MonitorBuffer monitor)
    {
        _monitor = monitor;
        var meter = meterFactory.Create(new MeterOptions(PlatformMeter.Name) { Version = typeof(PlatformInstruments).Assembly.GetName().Version?.ToString() });
        _eventsPublished = meter.CreateCounter<long>(
            "akademia.events.published", "{event}", "Events accepted and durably stored.");
        _deliveryAttempts = meter.CreateCounter<long>(
            "akademia.delivery.attempts", "{attempt}", "Delivery attempts, by outcome.");
        _attemptDuration = meter.CreateHistogram<double>(
            "akademia.delivery.attempt.duration", "ms", "Duration of delivery attempts that reached the network.");
        _deliveryLatency = meter.CreateHistogram<double>(
            "akademia.delivery.latency", "ms", "From publish to the successful attempt's answer.");
        _breakerTransitions = meter.CreateCounter<long>(
            "akademia.circuit_breaker.transitions", "{transition}", "Circuit breaker state changes, by new state.");
        _rateLimitDecisions = meter.CreateCounter<long>(
            "akademia.ratelimit.requests", "{request}", "Requests counted by the rate limiter, by tier and whether blocked.");
        meter.CreateObservableGauge(
            "akademia.endpoint.delivery_rate",
            () => _endpointRates.Select(r => new Measurement<double>(r.Value, new KeyValuePair<string, object?>("endpoint", r.Key))),
            "{delivery}/s",
            "The adaptive delivery rate in force per rate-limited endpoint (on the silo hosting its dispatcher).");
        _rateAdjustments = meter.CreateCounter<long>(
            "akademia.endpoint.rate_adjustments", "{adjustment}", "Changes of endpoints' adaptive delivery rates, by reason.");
        _deadLetters = meter.CreateUpDownCounter<long>(
            "akademia.dlq.size", "{entry}", "Dead-letter entries archived minus those deleted.");
        _inboundRequests = meter.CreateCounter<long>(
            "akademia.inbound.requests", "{request}", "Inbound webhook requests, by provider, outcome (accepted, duplicate, rejected) and reason.");
        _inboundAttempts = meter.CreateCounter<long>(
            "akademia.inbound.attempts", "{attempt}", "Inbound processing attempts, by provider and outcome (processed, retrying, failed).");
        _inboundProcessingDuration = meter.CreateHistogram<double>(
            "akademia.inbound.processing.duration", "ms", "Duration of successful inbound processing attempts, by provider.");
        _inboundDeadLetters = meter.CreateUpDownCounter<long>(
            "akademia.inbound.dlq.size", "{entry}", "Inbound messages dead-lettered minus those replayed.");
    }

    /// <summary>An event was stored; <paramref name="fannedOut"/> when it has deliveries to settle.</summary>
    public void EventPublished(bool fannedOut)
    {
        _eventsPublished.Add(1);
        _monitor.EventPublished(fannedOut);
    }

    /// <summary>Every delivery of a fanned-out event has recorded its first outcome.</summary>
    public void FanOutSettled() => _monitor.FanOutSettled();

    /// <summary>
    /// A delivery recorded an attempt. <paramref name="wasAwaitingRetry"/>: it had attempts before;
    /// <paramref name="exhausted"/>: a failure that dead-letters it.
    /// </summary>
    public void AttemptRecorded(string endpointId, DeliveryAttempt attempt, DateTimeOffset publishedAt, bool wasAwaitingRetry, bool exhausted, DateTimeOffset now)
    {
        if (attempt.Number == 1)
        {
            _monitor.DeliveryStarted();
        }

        var outcome = new KeyValuePair<string, object?>("outcome", AttemptOutcome(attempt));
        _deliveryAttempts.Add(1, outcome);
        // An attempt the breaker or the destination policy refused never reached the network.
        if (attempt.ErrorCode is not DeliveryErrorCodes.CircuitBreakerOpen and not DeliveryErrorCodes.ForbiddenDestination)
        {
            _attemptDuration.Record(attempt.DurationMs, outcome);
        }

        if (attempt.Succeeded)
        {
            _deliveryLatency.Record((now - publishedAt).TotalMilliseconds);
            _monitor.AttemptSucceeded(attempt.DurationMs);
            _monitor.DeliveryProgressed(wasAwaitingRetry, isAwaitingRetry: false, DeliveryStatus.Delivered);
            return;
        }

        _monitor.AttemptFailed(new MonitoredError(now, attempt.ErrorCode ?? "HTTP_ERROR", attempt.StatusCode, endpointId, attempt.ErrorMessage));
        _monitor.DeliveryProgressed(wasAwaitingRetry, isAwaitingRetry: !exhausted, exhausted ? DeliveryStatus.DeadLettered : DeliveryStatus.Pending);
    }

    /// <summary>The <c>outcome</c> tag of an attempt.</summary>
    public static string AttemptOutcome(DeliveryAttempt attempt) => attempt.Succeeded ? "success" : attempt.ErrorCode switch
    {
        DeliveryErrorCodes.CircuitBreakerOpen => "circuit_open",
        DeliveryErrorCodes.ForbiddenDestination => "forbidden",
        DeliveryErrorCodes.Timeout => "timeout",
        DeliveryErrorCodes.NetworkError => "network_error",
        _ => "http_error",
    };

    /// <summary>A breaker moved from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void BreakerTransitioned(CircuitState from, CircuitState to)
    {
        _breakerTransitions.Add(1, new KeyValuePair<string, object?>("state", to.ToString().ToLowerInvariant()));
        if (from == CircuitState.Closed && to != CircuitState.Closed)
        {
            _monitor.BreakerOpened();
        }
        else if (from != CircuitState.Closed && to == CircuitState.Closed)
        {
            _monitor.BreakerClosed();
        }
    }

    /// <summary>A breaker left memory in <paramref name="state"/>; one that was not closed no longer counts as open.</summary>
    public void BreakerForgotten(CircuitState state)
    {
        if (state != CircuitState.Closed)
        {
            _monitor.BreakerClosed();
        }
    }

    /// <summary>The rate limiter decided on a request of the counter <paramref name="key"/> (<c>tier|…</c>).</summary>
    public void RateLimitDecided(string key, bool blocked, DateTimeOffset resetAt)
    {
        _rateLimitDecisions.Add(1, new("tier", key.Split('|')[0]), new("blocked", blocked));
        _monitor.RateLimited(key, blocked, resetAt);
    }

    /// <summary>A rate-limit shard decided on a request and now holds <paramref name="counters"/> counters, the last window ending at <paramref name="until"/>.</summary>
    public void RateLimitShardDecided(string tier, bool blocked, string shard, int counters, DateTimeOffset until)
    {
        _rateLimitDecisions.Add(1, new("tier", tier), new("blocked", blocked));
        _monitor.RateLimitCounted(blocked);
        _monitor.RateLimitShardReported(shard, counters, until);
    }

    /// <summary>An endpoint's adaptive rate is now <paramref name="rate"/> (null: no limit any more); with a reason, it was adjusted once.</summary>
    public void EndpointRateChanged(string endpointId, double? rate, string? reason)
    {
        if (rate is { } value)
        {
            _endpointRates[endpointId] = value;
        }
        else
        {
            _endpointRates.TryRemove(endpointId, out _);
        }

        if (reason is not null)
        {
            _rateAdjustments.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    /// <summary>A delivery's dead-letter entry was stored for the first time.</summary>
    public void DeadLetterArchived() => _deadLetters.Add(1);

    /// <summary>A dead-letter entry was deleted.</summary>
    public void DeadLetterDeleted() => _deadLetters.Add(-1);

    /// <summary>An error that is not a delivery attempt's, such as one a client reported.</summary>
    public void ErrorReported(MonitoredError error) => _monitor.ErrorReported(error);
}
