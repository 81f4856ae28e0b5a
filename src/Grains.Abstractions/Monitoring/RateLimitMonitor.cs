namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>Rate limiting figures, cluster-wide.</summary>
[GenerateSerializer, Immutable, Alias("akademia.RateLimitMonitor")]
public sealed record RateLimitMonitor
{
    /// <summary>Requests counted.</summary>
    [Id(0)] public long TotalRequests { get; init; }

    /// <summary>Requests refused with 429.</summary>
    [Id(1)] public long BlockedRequests { get; init; }

    /// <summary>Counters with a live window.</summary>
    [Id(2)] public int ActiveEntries { get; init; }

    /// <summary>Blocked / total, in percent.</summary>
    [Id(3)] public double BlockRate { get; init; }
}
