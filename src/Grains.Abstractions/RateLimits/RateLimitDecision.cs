namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>The answer of a rate-limit counter.</summary>
[GenerateSerializer, Immutable, Alias("akademia.RateLimitDecision")]
public sealed record RateLimitDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int Limit,
    [property: Id(2)] int Remaining,
    [property: Id(3)] DateTimeOffset ResetAt);
