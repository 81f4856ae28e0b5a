using System.Collections.Concurrent;

namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>
/// Counts in memory what grains on this silo report, and sends the sums to the cluster-wide monitor
/// grain once a second, so the hot path never makes a call of its own for monitoring.
/// </summary>
public sealed partial class MonitorBuffer
{
    private const int MaxBufferedErrors = 100;
    private readonly object _gate = new();
    private readonly ConcurrentQueue<MonitoredError> _errors = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _windows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitShardReport> _shards = new(StringComparer.Ordinal);
    private long _events;
    private long _pendingEvents;
    private long _deliveries;
    private long _delivered;
    private long _deadLettered;
    private long _pendingDeliveries;
    private long _successfulAttempts;
    private long _failedAttempts;
    private double _successfulAttemptMs;
    private int _openBreakers;
    private long _requests;
    private long _blocked;

    public void EventPublished(bool hasDeliveries)
    {
        Interlocked.Increment(ref _events);
        if (hasDeliveries)
        {
            Interlocked.Increment(ref _pendingEvents);
        }
    }

    public void FanOutSettled() => Interlocked.Decrement(ref _pendingEvents);

    public void DeliveryStarted() => Interlocked.Increment(ref _deliveries);

    public void AttemptSucceeded(double durationMs)
    {
        Interlocked.Increment(ref _successfulAttempts);
        lock (_gate)
        {
            _successfulAttemptMs += durationMs;
        }
    }

    public void AttemptFailed(MonitoredError error)
    {
        Interlocked.Increment(ref _failedAttempts);
        ErrorReported(error);
    }

    /// <summary>An error that is not a delivery attempt's, such as one a client reported.</summary>
    public void ErrorReported(MonitoredError error)
    {
        _errors.Enqueue(error);
        while (_errors.Count > MaxBufferedErrors && _errors.TryDequeue(out _))
        {
        }
    }

    /// <summary>A delivery's status moved: <paramref name="wasAwaitingRetry"/> to <paramref name="isAwaitingRetry"/>, maybe to an end.</summary>
    public void DeliveryProgressed(bool wasAwaitingRetry, bool isAwaitingRetry, DeliveryStatus status)
    {
        if (wasAwaitingRetry != isAwaitingRetry)
        {
            Interlocked.Add(ref _pendingDeliveries, isAwaitingRetry ? 1 : -1);
        }

        if (status == DeliveryStatus.Delivered)
        {
            Interlocked.Increment(ref _delivered);
        }
        else if (status == DeliveryStatus.DeadLettered)
        {
            Interlocked.Increment(ref _deadLettered);
        }
    }

    public void BreakerOpened() => Interlocked.Increment(ref _openBreakers);

    public void BreakerClosed() => Interlocked.Decrement(ref _openBreakers);

    public void RateLimited(string key, bool blocked, DateTimeOffset resetAt)
    {
        Interlocked.Increment(ref _requests);
        if (blocked)
        {
            Interlocked.Increment(ref _blocked);
        }

        _windows[key] = resetAt;
    }

    /// <summary>A request a gateway rate-limit shard counted; shards report their size apart, so the monitor holds one entry per shard, not per client.</summary>
    public void RateLimitCounted(bool blocked)
    {
        Interlocked.Increment(ref _requests);
        if (blocked)
        {
            Interlocked.Increment(ref _blocked);
        }
    }

    public void RateLimitShardReported(string shard, int counters, DateTimeOffset until) =>
        _shards[shard] = new RateLimitShardReport(counters, until);

    /// <summary>Takes what accumulated since the last call.</summary>
    public MonitorDelta Drain()
    {
        var errors = new List<MonitoredError>();
        while (_errors.TryDequeue(out var error))
        {
            errors.Add(error);
        }

        double ms;
        lock (_gate)
        {
            ms = _successfulAttemptMs;
            _successfulAttemptMs = 0;
        }

        var windows = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var key in _windows.Keys)
        {
            if (_windows.TryRemove(key, out var reset))
            {
                windows[key] = reset;
            }
        }

        var shards = new Dictionary<string, RateLimitShardReport>(StringComparer.Ordinal);
        foreach (var key in _shards.Keys)
        {
            if (_shards.TryRemove(key, out var report))
            {
                shards[key] = report;
            }
        }

        return new MonitorDelta
        {
            Events = Interlocked.Exchange(ref _events, 0),
            PendingEvents = Interlocked.Exchange(ref _pendingEvents, 0),
            Deliveries = Interlocked.Exchange(ref _deliveries, 0),
            Delivered = Interlocked.Exchange(ref _delivered, 0),
            DeadLettered = Interlocked.Exchange(ref _deadLettered, 0),
            PendingDeliveries = Interlocked.Exchange(ref _pendingDeliveries, 0),
            SuccessfulAttempts = Interlocked.Exchange(ref _successfulAttempts, 0),
            FailedAttempts = Interlocked.Exchange(ref _failedAttempts, 0),
            SuccessfulAttemptMs = ms,
            OpenBreakers = Interlocked.Exchange(ref _openBreakers, 0),
            Requests = Interlocked.Exchange(ref _requests, 0),
            BlockedRequests = Interlocked.Exchange(ref _blocked, 0),
            Errors = [.. errors],
            RateLimitWindows = windows,
            RateLimitShards = shards,
            Inbound = DrainInbound(),
            InboundReceivedQueue = Interlocked.Exchange(ref _inboundReceivedQueue, 0),
            InboundRetryingQueue = Interlocked.Exchange(ref _inboundRetryingQueue, 0),
        };
    }

    /// <summary>Puts back a delta whose report failed, so nothing is lost to a transient error.</summary>
    public void Restore(MonitorDelta delta)
    {
        Interlocked.Add(ref _events, delta.Events);
        Interlocked.Add(ref _pendingEvents, delta.PendingEvents);
        Interlocked.Add(ref _deliveries, delta.Deliveries);
        Interlocked.Add(ref _delivered, delta.Delivered);
        Interlocked.Add(ref _deadLettered, delta.DeadLettered);
        Interlocked.Add(ref _pendingDeliveries, delta.PendingDeliveries);
        Interlocked.Add(ref _successfulAttempts, delta.SuccessfulAttempts);
        Interlocked.Add(ref _failedAttempts, delta.FailedAttempts);
        Interlocked.Add(ref _openBreakers, delta.OpenBreakers);
        Interlocked.Add(ref _requests, delta.Requests);
        Interlocked.Add(ref _blocked, delta.BlockedRequests);
        lock (_gate)
        {
            _successfulAttemptMs += delta.SuccessfulAttemptMs;
        }

        foreach (var error in delta.Errors)
        {
            _errors.Enqueue(error);
        }

        foreach (var (key, reset) in delta.RateLimitWindows)
        {
            _windows.TryAdd(key, reset);
        }

        foreach (var (key, report) in delta.RateLimitShards)
        {
            _shards.TryAdd(key, report);
        }

        RestoreInbound(delta);
    }
}
