using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>What one silo observed since its last report.</summary>
[GenerateSerializer, Alias("akademia.MonitorDelta")]
public sealed record MonitorDelta
{
    [Id(0)] public long Events { get; init; }

    [Id(1)] public long PendingEvents { get; init; }

    [Id(2)] public long Deliveries { get; init; }

    [Id(3)] public long Delivered { get; init; }

    [Id(4)] public long DeadLettered { get; init; }

    [Id(5)] public long PendingDeliveries { get; init; }

    [Id(6)] public long SuccessfulAttempts { get; init; }

    [Id(7)] public long FailedAttempts { get; init; }

    [Id(8)] public double SuccessfulAttemptMs { get; init; }

    [Id(9)] public int OpenBreakers { get; init; }

    [Id(10)] public long Requests { get; init; }

    [Id(11)] public long BlockedRequests { get; init; }

    [Id(12)] public MonitoredError[] Errors { get; init; } = [];

    [Id(13)] public Dictionary<string, DateTimeOffset> RateLimitWindows { get; init; } = [];

    /// <summary>Inbound figures by provider.</summary>
    [Id(14)] public Dictionary<string, InboundProviderDelta> Inbound { get; init; } = [];

    /// <summary>Change in inbound messages accepted and not yet attempted.</summary>
    [Id(15)] public long InboundReceivedQueue { get; init; }

    /// <summary>Change in inbound messages waiting for a retry.</summary>
    [Id(16)] public long InboundRetryingQueue { get; init; }

    /// <summary>The latest counter count of each gateway rate-limit shard that reported.</summary>
    [Id(17)] public Dictionary<string, RateLimitShardReport> RateLimitShards { get; init; } = [];

    /// <summary>Nothing to report. Collections are compared by content: record equality would compare them by reference.</summary>
    public bool IsEmpty =>
        Errors.Length == 0 && RateLimitWindows.Count == 0 && Inbound.Count == 0 && RateLimitShards.Count == 0
        && this with { Errors = Empty.Errors, RateLimitWindows = Empty.RateLimitWindows, Inbound = Empty.Inbound, RateLimitShards = Empty.RateLimitShards } == Empty;

    public static MonitorDelta Empty { get; } = new();
}

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

/// <summary>Reports the silo's <see cref="MonitorBuffer"/> to the monitor grain every second.</summary>
internal sealed partial class MonitorReporter(MonitorBuffer buffer, IGrainFactory grains, ILogger<MonitorReporter> logger) : BackgroundService
{
    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var delta = buffer.Drain();
            if (delta.IsEmpty)
            {
                continue;
            }

            try
            {
                await grains.GetGrain<IIntegrationMonitorSinkGrain>(IIntegrationMonitorGrain.Key).MergeAsync(delta);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                buffer.Restore(delta);
                LogReportFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Monitor report failed, kept for the next one: {Reason}")]
    private static partial void LogReportFailed(ILogger logger, string reason);
}
