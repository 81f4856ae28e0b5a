namespace Akademia.Webhooks.Grains.Abstractions;

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
