namespace Akademia.Webhooks.Grains.Monitoring;

public sealed partial class IntegrationMonitorGrain
{
    private readonly Dictionary<string, InboundProviderDelta> _inbound = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, (long Success, long Failure)> _inboundAttemptsByMinute = [];
    private long _inboundReceivedQueue;
    private long _inboundRetryingQueue;

    public Task<InboundMonitorSnapshot> GetInboundAsync()
    {
        var since = (timeProvider.GetUtcNow() - options.Value.HealthWindow).ToUnixTimeSeconds() / 60;
        var recent = _inboundAttemptsByMinute.Where(b => b.Key >= since).Select(b => b.Value).ToList();
        return Task.FromResult(new InboundMonitorSnapshot
        {
            Providers = _inbound.ToDictionary(p => p.Key, p => new InboundProviderStats
            {
                Received = p.Value.Received,
                Rejected = new Dictionary<string, long>(p.Value.Rejected, StringComparer.Ordinal),
                Duplicates = p.Value.Duplicates,
                Processed = p.Value.Processed,
                Failed = p.Value.Failed,
                Retries = p.Value.Retries,
                AverageProcessingTimeMs = p.Value.Processed == 0 ? 0 : Math.Round(p.Value.ProcessingMs / p.Value.Processed, 2),
            }, StringComparer.Ordinal),
            // Memory-only gauges: a message accepted before this grain (re)started and finished after
            // would push them below zero.
            ReceivedQueue = Math.Max(0, _inboundReceivedQueue),
            RetryingQueue = Math.Max(0, _inboundRetryingQueue),
            RecentAttempts = recent.Sum(b => b.Success + b.Failure),
            RecentFailedAttempts = recent.Sum(b => b.Failure),
        });
    }

    private void MergeInbound(MonitorDelta delta, long minute)
    {
        _inboundReceivedQueue += delta.InboundReceivedQueue;
        _inboundRetryingQueue += delta.InboundRetryingQueue;
        long successes = 0, failures = 0;
        foreach (var (provider, d) in delta.Inbound)
        {
            var known = _inbound.GetValueOrDefault(provider) ?? new InboundProviderDelta();
            var rejected = new Dictionary<string, long>(known.Rejected, StringComparer.Ordinal);
            foreach (var (reason, count) in d.Rejected)
            {
                rejected[reason] = rejected.GetValueOrDefault(reason) + count;
            }

            _inbound[provider] = new InboundProviderDelta
            {
                Received = known.Received + d.Received,
                Duplicates = known.Duplicates + d.Duplicates,
                Processed = known.Processed + d.Processed,
                Failed = known.Failed + d.Failed,
                Retries = known.Retries + d.Retries,
                FailedAttempts = known.FailedAttempts + d.FailedAttempts,
                ProcessingMs = known.ProcessingMs + d.ProcessingMs,
                Rejected = rejected,
            };
            successes += d.Processed;
            failures += d.FailedAttempts;
        }

        if (successes + failures > 0)
        {
            _inboundAttemptsByMinute.TryGetValue(minute, out var bucket);
            _inboundAttemptsByMinute[minute] = (bucket.Success + successes, bucket.Failure + failures);
            foreach (var old in _inboundAttemptsByMinute.Keys.Where(m => m < minute - 60).ToList())
            {
                _inboundAttemptsByMinute.Remove(old);
            }
        }
    }
}
