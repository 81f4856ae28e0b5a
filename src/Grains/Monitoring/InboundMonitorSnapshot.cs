namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>Inbound figures, cluster-wide since the monitor started.</summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundMonitorSnapshot")]
public sealed record InboundMonitorSnapshot
{
    [Id(0)] public Dictionary<string, InboundProviderStats> Providers { get; init; } = [];

    /// <summary>Messages accepted and not yet attempted.</summary>
    [Id(1)] public long ReceivedQueue { get; init; }

    /// <summary>Messages waiting for a retry.</summary>
    [Id(2)] public long RetryingQueue { get; init; }

    /// <summary>Processing attempts over the recent window.</summary>
    [Id(3)] public long RecentAttempts { get; init; }

    /// <summary>Failed processing attempts over the recent window.</summary>
    [Id(4)] public long RecentFailedAttempts { get; init; }
}
