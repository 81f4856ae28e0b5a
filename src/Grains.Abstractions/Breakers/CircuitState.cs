namespace Akademia.Webhooks.Grains.Abstractions;

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
