namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// An application's publish budget: at most <see cref="Limit"/> publishes per <see cref="Window"/>,
/// counted cluster-wide like the gateway's rate-limit tiers (the same shape as a tier's settings).
/// A publish over it answers 429 <c>RATE_LIMITED</c> with <c>Retry-After</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.ApplicationRateLimit")]
public sealed record ApplicationRateLimit
{
    /// <summary>Publishes allowed per window: 1–1,000,000.</summary>
    [Id(0)] public int Limit { get; init; }

    /// <summary>The window: more than 0 and at most 1 day.</summary>
    [Id(1)] public TimeSpan Window { get; init; }
}
