namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// A circuit breaker as operators see it.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.CircuitBreakerSnapshot")]
public sealed record CircuitBreakerSnapshot
{
    /// <summary>The normalized URL (scheme, lowercase host, port, path) the breaker guards.</summary>
    [Id(0)] public required string Url { get; init; }

    /// <summary>Current state.</summary>
    [Id(1)] public CircuitState State { get; init; }

    /// <summary>Failures in a row so far.</summary>
    [Id(2)] public int ConsecutiveFailures { get; init; }

    /// <summary>When the breaker last opened, while open.</summary>
    [Id(3)] public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>When an open breaker lets its probe through.</summary>
    [Id(4)] public DateTimeOffset? RetryAt { get; init; }
}
