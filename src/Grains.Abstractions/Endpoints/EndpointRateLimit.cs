namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// A per-endpoint delivery rate. Adaptive by default: it decreases when the receiver struggles
/// (strongly on 429, moderately on 5xx and timeouts, or when its rate-limit headers run low) and
/// recovers gradually on fast successes, between the bounds.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.EndpointRateLimit")]
public sealed record EndpointRateLimit
{
    /// <summary>Deliveries per second to start with.</summary>
    [Id(0)] public double PerSecond { get; init; }

    /// <summary>Whether the rate learns from the receiver (default true).</summary>
    [Id(1)] public bool Adaptive { get; init; } = true;

    /// <summary>Lowest rate adaptation may reach (default a tenth of <see cref="PerSecond"/>).</summary>
    [Id(2)] public double? MinPerSecond { get; init; }

    /// <summary>Highest rate adaptation may reach (default <see cref="PerSecond"/>).</summary>
    [Id(3)] public double? MaxPerSecond { get; init; }
}
