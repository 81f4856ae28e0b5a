namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The platform's health as the cluster sees it, with the specification's indicators.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.PlatformHealth")]
public sealed record PlatformHealth
{
    /// <summary>
    /// <c>healthy</c>; <c>degraded</c> when deliveries fail, a breaker is open or many requests are
    /// rate-limited (the platform itself works); <c>unhealthy</c> when storage rejects writes.
    /// </summary>
    [Id(0)] public required string Status { get; init; }

    /// <summary>Whether grain storage accepts writes.</summary>
    [Id(1)] public required ComponentHealth Storage { get; init; }

    /// <summary>Silos in the cluster that are active.</summary>
    [Id(2)] public int ActiveSilos { get; init; }

    /// <summary><c>CLOSED (healthy)</c>, or <c>OPEN (degraded)</c> with the number of open breakers.</summary>
    [Id(3)] public required string CircuitBreaker { get; init; }

    /// <summary>Attempt success rate over the recent window: ≥ 95 % healthy, 80–95 % degraded, below unhealthy.</summary>
    [Id(4)] public required string Webhook { get; init; }

    /// <summary>The recent attempt success rate in percent; <c>null</c> when there were no attempts.</summary>
    [Id(5)] public double? WebhookSuccessRate { get; init; }

    /// <summary>Block rate: below 1 % healthy, 1–5 % elevated, above high.</summary>
    [Id(6)] public required string RateLimiting { get; init; }

    /// <summary>Blocked requests in percent.</summary>
    [Id(7)] public double BlockRate { get; init; }

    /// <summary>Inbound webhooks: queues and the health score; a score below 70 makes the platform <c>degraded</c>.</summary>
    [Id(8)] public InboundStats? Inbound { get; init; }
}
