using System.Collections.Concurrent;

namespace Akademia.Webhooks.Grains.Monitoring;

public sealed partial class MonitorBuffer
{
    private readonly ConcurrentDictionary<string, InboundCounters> _inbound = new(StringComparer.Ordinal);
    private long _inboundReceivedQueue;
    private long _inboundRetryingQueue;

    public void InboundAccepted(string provider)
    {
        Interlocked.Increment(ref Inbound(provider).Received);
        Interlocked.Increment(ref _inboundReceivedQueue);
    }

    public void InboundDuplicate(string provider) => Interlocked.Increment(ref Inbound(provider).Duplicates);

    public void InboundRejected(string provider, string reason) => Inbound(provider).Rejected.AddOrUpdate(reason, 1, (_, n) => n + 1);

    /// <summary>A replayed message is back in the received queue.</summary>
    public void InboundReplayed() => Interlocked.Increment(ref _inboundReceivedQueue);

    /// <summary>
    /// An attempt ended. <paramref name="from"/> is the queue the message was in (received or retrying);
    /// a retry puts it in the retrying queue, any other outcome takes it out of the queues.
    /// </summary>
    public void InboundAttempted(string provider, InboundMessageStatus from, InboundAttemptOutcome outcome, double durationMs)
    {
        if (from == InboundMessageStatus.Received)
        {
            Interlocked.Decrement(ref _inboundReceivedQueue);
        }
        else if (from == InboundMessageStatus.Retrying)
        {
            Interlocked.Decrement(ref _inboundRetryingQueue);
        }

        var counters = Inbound(provider);
        switch (outcome)
        {
            case InboundAttemptOutcome.Processed:
                Interlocked.Increment(ref counters.Processed);
                lock (counters)
                {
                    counters.ProcessingMs += durationMs;
                }

                break;
            case InboundAttemptOutcome.Retrying:
                Interlocked.Increment(ref _inboundRetryingQueue);
                Interlocked.Increment(ref counters.Retries);
                Interlocked.Increment(ref counters.FailedAttempts);
                break;
            case InboundAttemptOutcome.Failed:
                Interlocked.Increment(ref counters.Failed);
                Interlocked.Increment(ref counters.FailedAttempts);
                break;
        }
    }

    private InboundCounters Inbound(string provider) => _inbound.GetOrAdd(provider, static _ => new InboundCounters());

    private Dictionary<string, InboundProviderDelta> DrainInbound()
    {
        var drained = new Dictionary<string, InboundProviderDelta>(StringComparer.Ordinal);
        foreach (var (provider, counters) in _inbound)
        {
            double ms;
            lock (counters)
            {
                ms = counters.ProcessingMs;
                counters.ProcessingMs = 0;
            }

            var rejected = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var reason in counters.Rejected.Keys)
            {
                if (counters.Rejected.TryRemove(reason, out var count))
                {
                    rejected[reason] = count;
                }
            }

            var delta = new InboundProviderDelta
            {
                Received = Interlocked.Exchange(ref counters.Received, 0),
                Duplicates = Interlocked.Exchange(ref counters.Duplicates, 0),
                Processed = Interlocked.Exchange(ref counters.Processed, 0),
                Failed = Interlocked.Exchange(ref counters.Failed, 0),
                Retries = Interlocked.Exchange(ref counters.Retries, 0),
                FailedAttempts = Interlocked.Exchange(ref counters.FailedAttempts, 0),
                ProcessingMs = ms,
                Rejected = rejected,
            };
            if (delta.Received + delta.Duplicates + delta.Processed + delta.Failed + delta.Retries + delta.FailedAttempts + rejected.Count > 0)
            {
                drained[provider] = delta;
            }
        }

        return drained;
    }

    private void RestoreInbound(MonitorDelta delta)
    {
        Interlocked.Add(ref _inboundReceivedQueue, delta.InboundReceivedQueue);
        Interlocked.Add(ref _inboundRetryingQueue, delta.InboundRetryingQueue);
        foreach (var (provider, d) in delta.Inbound)
        {
            var counters = Inbound(provider);
            Interlocked.Add(ref counters.Received, d.Received);
            Interlocked.Add(ref counters.Duplicates, d.Duplicates);
            Interlocked.Add(ref counters.Processed, d.Processed);
            Interlocked.Add(ref counters.Failed, d.Failed);
            Interlocked.Add(ref counters.Retries, d.Retries);
            Interlocked.Add(ref counters.FailedAttempts, d.FailedAttempts);
            lock (counters)
            {
                counters.ProcessingMs += d.ProcessingMs;
            }

            foreach (var (reason, count) in d.Rejected)
            {
                counters.Rejected.AddOrUpdate(reason, count, (_, n) => n + count);
            }
        }
    }

    private sealed class InboundCounters
    {
        // Fields, not properties: they are updated with Interlocked.
#pragma warning disable CA1051
        public long Received;
        public long Duplicates;
        public long Processed;
        public long Failed;
        public long Retries;
        public long FailedAttempts;
        public double ProcessingMs;
#pragma warning restore CA1051
        public ConcurrentDictionary<string, long> Rejected { get; } = new(StringComparer.Ordinal);
    }
}
