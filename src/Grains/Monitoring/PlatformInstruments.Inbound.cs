using System.Diagnostics.Metrics;

namespace Akademia.Webhooks.Grains.Monitoring;

public sealed partial class PlatformInstruments
{
    private readonly Counter<long> _inboundRequests;
    private readonly Counter<long> _inboundAttempts;
    private readonly Histogram<double> _inboundProcessingDuration;
    private readonly UpDownCounter<long> _inboundDeadLetters;

    /// <summary>An inbound request was verified and stored as a new message.</summary>
    public void InboundAccepted(string provider)
    {
        CountInbound(provider, "accepted", null);
        _monitor.InboundAccepted(provider);
    }

    /// <summary>An inbound request repeated a message already stored.</summary>
    public void InboundDuplicate(string provider)
    {
        CountInbound(provider, "duplicate", null);
        _monitor.InboundDuplicate(provider);
    }

    /// <summary>An inbound request was refused with the error code <paramref name="reason"/>.</summary>
    public void InboundRejected(string provider, string reason)
    {
        CountInbound(provider, "rejected", reason);
        _monitor.InboundRejected(provider, reason);
    }

    /// <summary>A replayed inbound message is back in the received queue.</summary>
    public void InboundReplayed() => _monitor.InboundReplayed();

    /// <summary>An inbound processing attempt of a message that was in <paramref name="from"/> ended with <paramref name="outcome"/>.</summary>
    public void InboundAttempted(string provider, InboundMessageStatus from, InboundAttemptOutcome outcome, double durationMs)
    {
        _monitor.InboundAttempted(provider, from, outcome, durationMs);
        var name = outcome switch
        {
            InboundAttemptOutcome.Processed => "processed",
            InboundAttemptOutcome.Retrying => "retrying",
            _ => "failed",
        };
        _inboundAttempts.Add(1, new("provider", provider), new("outcome", name));
        if (outcome == InboundAttemptOutcome.Processed)
        {
            _inboundProcessingDuration.Record(durationMs, new KeyValuePair<string, object?>("provider", provider));
        }
    }

    /// <summary>An inbound message entered the dead-letter queue (first time, or again after a replay).</summary>
    public void InboundDeadLettered() => _inboundDeadLetters.Add(1);

    /// <summary>An inbound dead-letter entry was replayed and left the queue.</summary>
    public void InboundDeadLetterReplayed() => _inboundDeadLetters.Add(-1);

    private void CountInbound(string provider, string outcome, string? reason) =>
        _inboundRequests.Add(1, new("provider", provider), new("outcome", outcome), new("reason", reason ?? "none"));
}
