namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// An application (tenant): it owns endpoints, the events published to it, their deliveries and dead
/// letters. An event reaches only the endpoints of its own application.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.Application")]
public sealed record Application
{
    /// <summary>Application id: caller-chosen (1–128 letters, digits, <c>_</c>, <c>-</c> or <c>:</c>) or <c>app_…</c>.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>Display name, 1–256 characters.</summary>
    [Id(1)] public required string Name { get; init; }

    /// <summary>Free key/value pairs for the operator; at most <see cref="ApplicationLimits.MaxMetadataEntries"/>.</summary>
    [Id(2)] public Dictionary<string, string> Metadata { get; init; } = [];

    /// <summary>A cap on the application's publishes, counted by the gateway; none when absent.</summary>
    [Id(3)] public ApplicationRateLimit? RateLimit { get; init; }

    /// <summary>Creation time.</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Time of the last change.</summary>
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Soft-deletion time; a deleted application's routes answer 404 and its endpoints are deleted.</summary>
    [Id(6)] public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>
    /// How long the application's events, deliveries, delivery logs and dead letters are kept (1 minute
    /// to 10 years); the platform's <c>Retention:Period</c> when absent. A change applies to what is
    /// stored afterwards: what is already stored keeps the due time it was given.
    /// </summary>
    [Id(7)] public TimeSpan? Retention { get; init; }
}
