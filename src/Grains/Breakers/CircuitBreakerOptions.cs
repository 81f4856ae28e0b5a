using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Grains.Breakers;

/// <summary>Per-URL circuit breakers. Section <c>CircuitBreaker</c>.</summary>
public sealed class CircuitBreakerOptions
{
    public const string Section = "CircuitBreaker";

    /// <summary>Consecutive failures that open the breaker.</summary>
    [Range(1, 1000)]
    public int FailureThreshold { get; set; } = 5;

    /// <summary>How long an open breaker rejects before letting one probe through.</summary>
    public TimeSpan OpenDuration { get; set; } = TimeSpan.FromSeconds(60);
}
