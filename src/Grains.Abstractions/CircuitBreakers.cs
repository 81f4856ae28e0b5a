namespace Akademia.Webhooks;

/// <summary>
/// State of a per-URL circuit breaker.
/// </summary>
public enum CircuitState
{
    /// <summary>Attempts go through.</summary>
    Closed = 0,

    /// <summary>Attempts fail at once, without a network call, until the open period ends.</summary>
    Open = 1,

    /// <summary>One probe attempt is let through; its outcome closes or reopens the breaker.</summary>
    HalfOpen = 2,
}

/// <summary>
/// A circuit breaker as operators see it.
/// </summary>
[GenerateSerializer, Alias("akademia.CircuitBreakerSnapshot")]
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

/// <summary>
/// The circuit breaker of one normalized URL, shared by every endpoint that posts there. The key is
/// <see cref="CircuitBreakerKeys.For(string)"/> of the URL.
/// </summary>
[Alias("akademia.ICircuitBreakerGrain")]
public interface ICircuitBreakerGrain : IGrainWithStringKey
{
    /// <summary>The breaker's current state.</summary>
    [Alias("GetAsync")]
    Task<CircuitBreakerSnapshot> GetAsync();

    /// <summary>Closes the breaker and forgets its failures.</summary>
    [Alias("ResetAsync")]
    Task<CircuitBreakerSnapshot> ResetAsync();
}

/// <summary>
/// How URLs map to circuit breakers.
/// </summary>
public static class CircuitBreakerKeys
{
    /// <summary>
    /// Scheme, lowercase host, explicit port and path, without query or fragment: URLs that differ
    /// only in those share one breaker.
    /// </summary>
    public static string For(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        return $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}:{uri.Port}{uri.AbsolutePath}";
    }
}
