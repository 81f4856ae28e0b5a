using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>
/// The cluster-wide sums of what silos report. Kept in memory: they describe the running cluster,
/// and are rebuilt from zero if this grain moves. Attempt outcomes are also kept per minute, so
/// health reflects the recent success rate rather than all history.
/// </summary>
[GrainType("integration-monitor")]
public sealed partial class IntegrationMonitorGrain(IOptions<MonitorOptions> options, TimeProvider timeProvider) : Grain, IIntegrationMonitorGrain, IIntegrationMonitorInternalGrain
{
    private const int RecentErrorsKept = 100;
    private readonly LinkedList<MonitoredError> _recent = new();
    private readonly Dictionary<string, long> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byStatus = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, (long Success, long Failure)> _attemptsByMinute = [];
    private readonly Dictionary<string, DateTimeOffset> _rateLimitWindows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RateLimitShardReport> _rateLimitShards = new(StringComparer.Ordinal);
    private long _events;
    private long _pendingEvents;
    private long _deliveries;
    private long _delivered;
    private long _deadLettered;
    private long _pendingDeliveries;
    private long _successfulAttempts;
    private double _successfulAttemptMs;
    private int _openBreakers;
    private long _requests;
    private long _blocked;
    private long _errors;

    public Task MergeAsync(MonitorDelta delta)
    {
        _events += delta.Events;
        _pendingEvents += delta.PendingEvents;
        _deliveries += delta.Deliveries;
        _delivered += delta.Delivered;
        _deadLettered += delta.DeadLettered;
        _pendingDeliveries += delta.PendingDeliveries;
        _successfulAttempts += delta.SuccessfulAttempts;
        _successfulAttemptMs += delta.SuccessfulAttemptMs;
        _openBreakers += delta.OpenBreakers;
        _requests += delta.Requests;
        _blocked += delta.BlockedRequests;

        var minute = timeProvider.GetUtcNow().ToUnixTimeSeconds() / 60;
        _attemptsByMinute.TryGetValue(minute, out var bucket);
        _attemptsByMinute[minute] = (bucket.Success + delta.SuccessfulAttempts, bucket.Failure + delta.FailedAttempts);
        foreach (var old in _attemptsByMinute.Keys.Where(m => m < minute - 60).ToList())
        {
            _attemptsByMinute.Remove(old);
        }

        foreach (var error in delta.Errors)
        {
            _errors++;
            _byCode[error.Code] = _byCode.GetValueOrDefault(error.Code) + 1;
            if (error.Status is { } status)
            {
                var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _byStatus[key] = _byStatus.GetValueOrDefault(key) + 1;
            }

            _recent.AddFirst(error);
            if (_recent.Count > RecentErrorsKept)
            {
                _recent.RemoveLast();
            }
        }

        foreach (var (key, reset) in delta.RateLimitWindows)
        {
            _rateLimitWindows[key] = reset;
        }

        foreach (var (key, report) in delta.RateLimitShards)
        {
            _rateLimitShards[key] = report;
        }

        MergeInbound(delta, minute);
        return Task.CompletedTask;
    }

    public Task<MonitorSnapshot> GetAsync()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var expired in _rateLimitWindows.Where(w => w.Value <= now).Select(w => w.Key).ToList())
        {
            _rateLimitWindows.Remove(expired);
        }

        var since = (now - options.Value.HealthWindow).ToUnixTimeSeconds() / 60;
        var recent = _attemptsByMinute.Where(b => b.Key >= since).Select(b => b.Value).ToList();
        var webhooks = new WebhookMonitor
        {
            TotalEvents = _events,
            PendingEvents = Math.Max(0, _pendingEvents),
            TotalDeliveries = _deliveries,
            SuccessfulDeliveries = _delivered,
            FailedDeliveries = _deadLettered,
            PendingDeliveries = Math.Max(0, _pendingDeliveries),
            AverageDeliveryTimeMs = _successfulAttempts == 0 ? 0 : Math.Round(_successfulAttemptMs / _successfulAttempts, 2),
            OpenCircuitBreakers = Math.Max(0, _openBreakers),
            RecentAttempts = recent.Sum(b => b.Success + b.Failure),
            RecentSuccessfulAttempts = recent.Sum(b => b.Success),
        };
        var errors = new ErrorMonitor
        {
            Total = _errors,
            ByCode = new(_byCode),
            ByStatus = new(_byStatus),
            Recent = [.. _recent],
        };
        var rateLimiting = new RateLimitMonitor
        {
            TotalRequests = _requests,
            BlockedRequests = _blocked,
            ActiveEntries = _rateLimitWindows.Count + _rateLimitShards.Values.Where(s => s.Until > now).Sum(s => s.Counters),
            BlockRate = _requests == 0 ? 0 : Math.Round(100.0 * _blocked / _requests, 2),
        };
        return Task.FromResult(new MonitorSnapshot(webhooks, errors, rateLimiting));
    }
}
