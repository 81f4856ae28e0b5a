namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>What a caller supplies to create an application; the id is the grain's key.</summary>
[GenerateSerializer, Immutable, Alias("akademia.ApplicationDefinition")]
public sealed record ApplicationDefinition
{
    /// <summary>Display name, 1–256 characters.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>Optional key/value pairs; see <see cref="ApplicationLimits"/> for the bounds.</summary>
    [Id(1)] public Dictionary<string, string>? Metadata { get; init; }

    /// <summary>Optional publish budget.</summary>
    [Id(2)] public ApplicationRateLimit? RateLimit { get; init; }

    /// <summary>Optional retention of the application's events, deliveries and dead letters; the platform's default when absent.</summary>
    [Id(3)] public TimeSpan? Retention { get; init; }
}
