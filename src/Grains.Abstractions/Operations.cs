namespace Akademia.Webhooks;

/// <summary>The answer of a rate-limit counter.</summary>
[GenerateSerializer, Alias("akademia.RateLimitDecision")]
public sealed record RateLimitDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int Limit,
    [property: Id(2)] int Remaining,
    [property: Id(3)] DateTimeOffset ResetAt);

/// <summary>
/// One fixed-window request counter, shared by every gateway: the key names the tier, client and
/// path. Gateways call it once per request.
/// </summary>
[Alias("akademia.IRateLimitGrain")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>Counts one request against <paramref name="limit"/> per <paramref name="window"/>.</summary>
    [Alias("TryAcquireAsync")]
    Task<RateLimitDecision> TryAcquireAsync(int limit, TimeSpan window);
}

/// <summary>An error as the monitor keeps it.</summary>
[GenerateSerializer, Alias("akademia.MonitoredError")]
public sealed record MonitoredError(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] string Code,
    [property: Id(2)] int? Status,
    [property: Id(3)] string Endpoint,
    [property: Id(4)] string? Message);

/// <summary>Webhook delivery figures, cluster-wide since the monitor started.</summary>
[GenerateSerializer, Alias("akademia.WebhookMonitor")]
public sealed record WebhookMonitor
{
    /// <summary>Events published.</summary>
    [Id(0)] public long TotalEvents { get; init; }

    /// <summary>Events whose fan-out has not yet settled.</summary>
    [Id(1)] public long PendingEvents { get; init; }

    /// <summary>Deliveries that made a first attempt.</summary>
    [Id(2)] public long TotalDeliveries { get; init; }

    /// <summary>Deliveries that ended delivered.</summary>
    [Id(3)] public long SuccessfulDeliveries { get; init; }

    /// <summary>Deliveries that ended in the dead-letter queue.</summary>
    [Id(4)] public long FailedDeliveries { get; init; }

    /// <summary>Deliveries waiting for a retry.</summary>
    [Id(5)] public long PendingDeliveries { get; init; }

    /// <summary>Mean duration of successful attempts, in milliseconds.</summary>
    [Id(6)] public double AverageDeliveryTimeMs { get; init; }

    /// <summary>Circuit breakers open now.</summary>
    [Id(7)] public int OpenCircuitBreakers { get; init; }

    /// <summary>Attempts made, and of them successful, over the recent window used for health.</summary>
    [Id(8)] public long RecentAttempts { get; init; }

    /// <summary>Successful attempts in the recent window.</summary>
    [Id(9)] public long RecentSuccessfulAttempts { get; init; }
}

/// <summary>Errors seen by the platform: failed attempts, client-reported errors.</summary>
[GenerateSerializer, Alias("akademia.ErrorMonitor")]
public sealed record ErrorMonitor
{
    /// <summary>All errors counted.</summary>
    [Id(0)] public long Total { get; init; }

    /// <summary>Errors by code.</summary>
    [Id(1)] public Dictionary<string, long> ByCode { get; init; } = [];

    /// <summary>Errors by HTTP status.</summary>
    [Id(2)] public Dictionary<string, long> ByStatus { get; init; } = [];

    /// <summary>The last 100 errors, newest first.</summary>
    [Id(3)] public MonitoredError[] Recent { get; init; } = [];
}

/// <summary>Rate limiting figures, cluster-wide.</summary>
[GenerateSerializer, Alias("akademia.RateLimitMonitor")]
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

/// <summary>The specification's integration monitor.</summary>
[GenerateSerializer, Alias("akademia.MonitorSnapshot")]
public sealed record MonitorSnapshot(
    [property: Id(0)] WebhookMonitor Webhooks,
    [property: Id(1)] ErrorMonitor Errors,
    [property: Id(2)] RateLimitMonitor RateLimiting);

/// <summary>
/// Cluster-wide integration figures, fed by every silo. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IIntegrationMonitorGrain")]
public interface IIntegrationMonitorGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>The current figures. Silos report every second, so they lag by about that much.</summary>
    [Alias("GetAsync")]
    Task<MonitorSnapshot> GetAsync();
}
