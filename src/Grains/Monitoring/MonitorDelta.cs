namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>What one silo observed since its last report.</summary>
[GenerateSerializer, Immutable, Alias("akademia.MonitorDelta")]
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
