namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// An endpoint's health over its recent attempts.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.EndpointHealth")]
public sealed record EndpointHealth
{
    /// <summary>The endpoint.</summary>
    [Id(0)] public required string EndpointId { get; init; }

    /// <summary>0–1, from error rate, average response time and timeout rate (the seed's thresholds).</summary>
    [Id(1)] public double Score { get; init; }

    /// <summary>Attempts in the window.</summary>
    [Id(2)] public int Attempts { get; init; }

    /// <summary>Failed attempts / attempts.</summary>
    [Id(3)] public double ErrorRate { get; init; }

    /// <summary>Timed-out attempts / attempts.</summary>
    [Id(4)] public double TimeoutRate { get; init; }

    /// <summary>Mean response time, in milliseconds.</summary>
    [Id(5)] public double AverageResponseTimeMs { get; init; }

    /// <summary>Failed attempts in a row.</summary>
    [Id(6)] public int ConsecutiveFailures { get; init; }

    /// <summary>Since when the endpoint has failed without a success, if it does.</summary>
    [Id(7)] public DateTimeOffset? FailingSince { get; init; }

    /// <summary>Whether the SLA is met; <c>null</c> without an SLA or attempts.</summary>
    [Id(8)] public bool? SlaCompliant { get; init; }

    /// <summary>The URL's circuit breaker.</summary>
    [Id(9)] public CircuitBreakerSnapshot? CircuitBreaker { get; init; }

    /// <summary>Whether deliveries are made.</summary>
    [Id(10)] public bool Active { get; init; }
}
