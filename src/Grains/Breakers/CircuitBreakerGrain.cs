using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Breakers;

/// <summary>
/// One breaker per normalized URL, cluster-wide because the grain is unique. Its state is kept in
/// memory only: losing it with a silo merely closes the breaker, which the next failures reopen,
/// and persisting it would cost a write on every attempt.
/// </summary>
[GrainType("circuit-breaker")]
public sealed partial class CircuitBreakerGrain : Grain, ICircuitBreakerGrain, ICircuitBreakerInternalGrain
{
    private readonly CircuitBreaker _breaker;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CircuitBreakerGrain> _logger;

    private readonly PlatformInstruments _instruments;
    private CircuitState _previous = CircuitState.Closed;

    public CircuitBreakerGrain(IOptions<CircuitBreakerOptions> options, IOptions<DeliveryOptions> delivery, PlatformInstruments instruments, TimeProvider timeProvider, ILogger<CircuitBreakerGrain> logger)
    {
        _instruments = instruments;
        _timeProvider = timeProvider;
        _logger = logger;
        _breaker = new CircuitBreaker(options.Value.FailureThreshold, options.Value.OpenDuration, delivery.Value.AttemptTimeout + TimeSpan.FromSeconds(10));
        _breaker.Transitioned += OnTransition;
    }

    private string Url => this.GetPrimaryKeyString();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The breaker's state leaves with the activation; so does its place among the open ones.
        _instruments.BreakerForgotten(_breaker.State);

        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<BreakerVerdict> AcquireAsync()
    {
        var verdict = _breaker.Acquire(_timeProvider.GetUtcNow());
        if (verdict == BreakerVerdict.Reject)
        {
            LogRejecting(_logger, Url);
        }

        return Task.FromResult(verdict);
    }

    public Task ReportAsync(bool success)
    {
        if (success)
        {
            _breaker.RecordSuccess();
        }
        else
        {
            _breaker.RecordFailure(_timeProvider.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    public Task<CircuitBreakerSnapshot> GetAsync()
    {
        // Reading moves an expired open breaker on, so operators see what the next attempt will see.
        if (_breaker.State == CircuitState.Open && _breaker.RetryAt <= _timeProvider.GetUtcNow())
        {
            return Task.FromResult(Snapshot() with { State = CircuitState.HalfOpen });
        }

        return Task.FromResult(Snapshot());
    }

    public Task<CircuitBreakerSnapshot> ResetAsync()
    {
        _breaker.Reset();
        return Task.FromResult(Snapshot());
    }

    private CircuitBreakerSnapshot Snapshot() => new()
    {
        Url = Url,
        State = _breaker.State,
        ConsecutiveFailures = _breaker.ConsecutiveFailures,
        OpenedAt = _breaker.OpenedAt,
        RetryAt = _breaker.RetryAt,
    };

    private void OnTransition(CircuitState state)
    {
        _instruments.BreakerTransitioned(_previous, state);
        _previous = state;
        switch (state)
        {
            case CircuitState.Open:
                LogOpened(_logger, Url, _breaker.ConsecutiveFailures);
                break;
            case CircuitState.HalfOpen:
                LogHalfOpen(_logger, Url);
                break;
            case CircuitState.Closed:
                LogClosed(_logger, Url);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit opened due to failures: {Url} after {Failures} consecutive failures")]
    private static partial void LogOpened(ILogger logger, string url, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit half-open, attempting recovery: {Url}")]
    private static partial void LogHalfOpen(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit closed after successful call: {Url}")]
    private static partial void LogClosed(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit is open, rejecting request: {Url}")]
    private static partial void LogRejecting(ILogger logger, string url);
}
