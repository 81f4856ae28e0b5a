using System.Diagnostics.Metrics;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class PlatformInstrumentsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MonitorBuffer _monitor = new();
    private readonly PlatformInstruments _instruments;

    public PlatformInstrumentsTests() => _instruments = new PlatformInstruments(Factory, _monitor);

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void TheInstrumentsKeepTheirNamesUnitsAndDescriptions()
    {
        var published = new List<(string, string?, string?)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, Factory))
                {
                    published.Add((instrument.Name, instrument.Unit, instrument.Description));
                }
            },
        };
        listener.Start();

        Assert.Equal(
            [
                ("akademia.circuit_breaker.transitions", "{transition}", "Circuit breaker state changes, by new state."),
                ("akademia.delivery.attempt.duration", "ms", "Duration of delivery attempts that reached the network."),
                ("akademia.delivery.attempts", "{attempt}", "Delivery attempts, by outcome."),
                ("akademia.delivery.latency", "ms", "From publish to the successful attempt's answer."),
                ("akademia.dlq.size", "{entry}", "Dead-letter entries archived minus those deleted."),
                ("akademia.endpoint.delivery_rate", "{delivery}/s", "The adaptive delivery rate in force per rate-limited endpoint (on the silo hosting its dispatcher)."),
                ("akademia.endpoint.rate_adjustments", "{adjustment}", "Changes of endpoints' adaptive delivery rates, by reason."),
                ("akademia.events.published", "{event}", "Events accepted and durably stored."),
                ("akademia.inbound.attempts", "{attempt}", "Inbound processing attempts, by provider and outcome (processed, retrying, failed)."),
                ("akademia.inbound.dlq.size", "{entry}", "Inbound messages dead-lettered minus those replayed."),
                ("akademia.inbound.processing.duration", "ms", "Duration of successful inbound processing attempts, by provider."),
                ("akademia.inbound.requests", "{request}", "Inbound webhook requests, by provider, outcome (accepted, duplicate, rejected) and reason."),
                ("akademia.ratelimit.requests", "{request}", "Requests counted by the rate limiter, by tier and whether blocked."),
            ],
            published.Order());
    }

    [Fact]
    public void TheMeterIsThePlatformMeterCreatedByTheSilosFactory()
    {
        using var events = Collector<long>("akademia.events.published");

        Assert.Equal(PlatformMeter.Name, events.Instrument!.Meter.Name);
        Assert.Same(Factory, events.Instrument.Meter.Scope);
    }

    [Fact]
    public void APublishedEventIsCountedOnceAndPendsInTheMonitorOnlyWhenItFansOut()
    {
        using var events = Collector<long>("akademia.events.published");

        _instruments.EventPublished(fannedOut: true);
        _instruments.EventPublished(fannedOut: false);

        Assert.Equal([1L, 1L], events.GetMeasurementSnapshot().Select(m => m.Value));
        var delta = _monitor.Drain();
        Assert.Equal(2, delta.Events);
        Assert.Equal(1, delta.PendingEvents);
    }

    [Fact]
    public void ASettledFanOutLeavesThePendingEvents()
    {
        _instruments.EventPublished(fannedOut: true);
        _instruments.FanOutSettled();

        Assert.Equal(0, _monitor.Drain().PendingEvents);
    }

    [Fact]
    public void AFirstSuccessfulAttemptRecordsOutcomeDurationLatencyAndADeliveredDelivery()
    {
        using var attempts = Collector<long>("akademia.delivery.attempts");
        using var durations = Collector<double>("akademia.delivery.attempt.duration");
        using var latencies = Collector<double>("akademia.delivery.latency");

        _instruments.AttemptRecorded("ep_1", new DeliveryAttempt { Number = 1, StatusCode = 200, DurationMs = 42 },
            publishedAt: Now.AddSeconds(-3), wasAwaitingRetry: false, exhausted: false, Now);

        var attempt = Assert.Single(attempts.GetMeasurementSnapshot());
        Assert.Equal("success", attempt.Tags["outcome"]);
        Assert.Equal(42, Assert.Single(durations.GetMeasurementSnapshot()).Value);
        Assert.Equal(3000, Assert.Single(latencies.GetMeasurementSnapshot()).Value);
        var delta = _monitor.Drain();
        Assert.Equal((1, 1, 1, 0, 42.0), (delta.Deliveries, delta.SuccessfulAttempts, delta.Delivered, delta.FailedAttempts, delta.SuccessfulAttemptMs));
    }

    [Fact]
    public void AnAttemptTheBreakerRefusedHasNoDurationAndItsExhaustionDeadLettersTheDelivery()
    {
        using var attempts = Collector<long>("akademia.delivery.attempts");
        using var durations = Collector<double>("akademia.delivery.attempt.duration");

        _instruments.AttemptRecorded("ep_1", new DeliveryAttempt { Number = 3, ErrorCode = DeliveryErrorCodes.CircuitBreakerOpen, ErrorMessage = "open" },
            publishedAt: Now.AddMinutes(-6), wasAwaitingRetry: true, exhausted: true, Now);

        Assert.Equal("circuit_open", Assert.Single(attempts.GetMeasurementSnapshot()).Tags["outcome"]);
        Assert.Empty(durations.GetMeasurementSnapshot());
        var delta = _monitor.Drain();
        Assert.Equal((0, 1, 1, -1), (delta.Deliveries, delta.FailedAttempts, delta.DeadLettered, delta.PendingDeliveries));
        Assert.Equal(new MonitoredError(Now, DeliveryErrorCodes.CircuitBreakerOpen, null, "ep_1", "open"), Assert.Single(delta.Errors));
    }

    [Theory]
    [InlineData(null, 500, "http_error")]
    [InlineData(DeliveryErrorCodes.Timeout, null, "timeout")]
    [InlineData(DeliveryErrorCodes.NetworkError, null, "network_error")]
    [InlineData(DeliveryErrorCodes.ForbiddenDestination, null, "forbidden")]
    [InlineData(DeliveryErrorCodes.CircuitBreakerOpen, null, "circuit_open")]
    [InlineData(null, 204, "success")]
    public void AnAttemptsOutcomeTagNamesHowItEnded(string? errorCode, int? status, string outcome) =>
        Assert.Equal(outcome, PlatformInstruments.AttemptOutcome(new DeliveryAttempt { Number = 1, ErrorCode = errorCode, StatusCode = status }));

    [Fact]
    public void AFailedFirstAttemptWithRetriesLeftAwaitsARetry()
    {
        _instruments.AttemptRecorded("ep_1", new DeliveryAttempt { Number = 1, StatusCode = 503, DurationMs = 5 },
            publishedAt: Now, wasAwaitingRetry: false, exhausted: false, Now);

        var delta = _monitor.Drain();
        Assert.Equal((1, 1, 0, 1), (delta.Deliveries, delta.PendingDeliveries, delta.DeadLettered, delta.FailedAttempts));
        Assert.Equal("HTTP_ERROR", Assert.Single(delta.Errors).Code);
    }

    [Fact]
    public void BreakerTransitionsAreCountedByNewStateAndTheMonitorCountsOpenBreakers()
    {
        using var transitions = Collector<long>("akademia.circuit_breaker.transitions");

        _instruments.BreakerTransitioned(CircuitState.Closed, CircuitState.Open);
        _instruments.BreakerTransitioned(CircuitState.Open, CircuitState.HalfOpen);
        Assert.Equal(1, _monitor.Drain().OpenBreakers);

        _instruments.BreakerTransitioned(CircuitState.HalfOpen, CircuitState.Closed);
        Assert.Equal(-1, _monitor.Drain().OpenBreakers);
        Assert.Equal(["open", "halfopen", "closed"], transitions.GetMeasurementSnapshot().Select(m => m.Tags["state"]));
    }

    [Fact]
    public void AForgottenBreakerLeavesTheOpenOnesOnlyIfItWasNotClosed()
    {
        _instruments.BreakerForgotten(CircuitState.Closed);
        Assert.Equal(0, _monitor.Drain().OpenBreakers);

        _instruments.BreakerForgotten(CircuitState.HalfOpen);
        Assert.Equal(-1, _monitor.Drain().OpenBreakers);
    }

    [Fact]
    public void ARateLimitDecisionIsTaggedWithTheKeysTierAndKeepsItsWindow()
    {
        using var decisions = Collector<long>("akademia.ratelimit.requests");

        _instruments.RateLimitDecided("strict|10.0.0.1|/api/admin", blocked: true, Now);

        var decision = Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Equal(("strict", true), (decision.Tags["tier"], decision.Tags["blocked"]));
        var delta = _monitor.Drain();
        Assert.Equal((1, 1), (delta.Requests, delta.BlockedRequests));
        Assert.Equal(Now, delta.RateLimitWindows["strict|10.0.0.1|/api/admin"]);
    }

    [Fact]
    public void AShardDecisionIsCountedAndReportsTheShardsSize()
    {
        using var decisions = Collector<long>("akademia.ratelimit.requests");

        _instruments.RateLimitShardDecided("publish", blocked: false, "7", counters: 12, Now);

        var decision = Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Equal(("publish", false), (decision.Tags["tier"], decision.Tags["blocked"]));
        var delta = _monitor.Drain();
        Assert.Equal((1, 0), (delta.Requests, delta.BlockedRequests));
        Assert.Equal(new RateLimitShardReport(12, Now), delta.RateLimitShards["7"]);
    }

    [Fact]
    public void AnEndpointsRateIsObservedUntilItsLimitGoesAndOnlyAdjustmentsWithAReasonAreCounted()
    {
        using var rates = Collector<double>("akademia.endpoint.delivery_rate");
        using var adjustments = Collector<long>("akademia.endpoint.rate_adjustments");

        _instruments.EndpointRateChanged("ep_1", 10, reason: null);
        _instruments.EndpointRateChanged("ep_1", 5, reason: "throttled");
        rates.RecordObservableInstruments();
        var rate = Assert.Single(rates.GetMeasurementSnapshot());
        Assert.Equal((5.0, "ep_1"), (rate.Value, rate.Tags["endpoint"]));

        _instruments.EndpointRateChanged("ep_1", null, reason: null);
        rates.RecordObservableInstruments();
        Assert.Single(rates.GetMeasurementSnapshot());
        Assert.Equal("throttled", Assert.Single(adjustments.GetMeasurementSnapshot()).Tags["reason"]);
    }

    [Fact]
    public void DeadLettersCountUpWhenArchivedAndDownWhenDeleted()
    {
        using var size = Collector<long>("akademia.dlq.size");
        using var inboundSize = Collector<long>("akademia.inbound.dlq.size");

        _instruments.DeadLetterArchived();
        _instruments.DeadLetterArchived();
        _instruments.DeadLetterDeleted();
        _instruments.InboundDeadLettered();
        _instruments.InboundDeadLetterReplayed();

        Assert.Equal([1L, 1L, -1L], size.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal([1L, -1L], inboundSize.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public void AReportedErrorReachesTheMonitor()
    {
        var error = new MonitoredError(Now, "CLIENT_ERROR", null, "https://app.example/page", "boom");

        _instruments.ErrorReported(error);

        Assert.Equal(error, Assert.Single(_monitor.Drain().Errors));
    }

    [Fact]
    public void InboundRequestsAreTaggedWithProviderOutcomeAndReason()
    {
        using var requests = Collector<long>("akademia.inbound.requests");

        _instruments.InboundAccepted("stripe");
        _instruments.InboundDuplicate("stripe");
        _instruments.InboundRejected("github", "INVALID_SIGNATURE");

        Assert.Equal(
            [("stripe", "accepted", "none"), ("stripe", "duplicate", "none"), ("github", "rejected", "INVALID_SIGNATURE")],
            requests.GetMeasurementSnapshot().Select(m => (m.Tags["provider"], m.Tags["outcome"], m.Tags["reason"])));
        var inbound = _monitor.Drain().Inbound;
        Assert.Equal((1, 1), (inbound["stripe"].Received, inbound["stripe"].Duplicates));
        Assert.Equal(1, inbound["github"].Rejected["INVALID_SIGNATURE"]);
    }

    [Fact]
    public void AnInboundAttemptIsCountedByOutcomeAndOnlyAProcessedOneRecordsItsDuration()
    {
        using var attempts = Collector<long>("akademia.inbound.attempts");
        using var durations = Collector<double>("akademia.inbound.processing.duration");

        _instruments.InboundAttempted("stripe", InboundMessageStatus.Received, InboundAttemptOutcome.Retrying, 9);
        _instruments.InboundAttempted("stripe", InboundMessageStatus.Retrying, InboundAttemptOutcome.Processed, 12);

        Assert.Equal(["retrying", "processed"], attempts.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]));
        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal((12.0, "stripe"), (duration.Value, duration.Tags["provider"]));
        var delta = _monitor.Drain();
        Assert.Equal((1, 1, 12.0), (delta.Inbound["stripe"].Retries, delta.Inbound["stripe"].Processed, delta.Inbound["stripe"].ProcessingMs));
        Assert.Equal((-1, 0), (delta.InboundReceivedQueue, delta.InboundRetryingQueue));
    }

    private MetricCollector<T> Collector<T>(string instrument)
        where T : struct => new(Factory, PlatformMeter.Name, instrument);
}
