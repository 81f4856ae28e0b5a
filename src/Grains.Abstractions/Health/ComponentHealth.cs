namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The health of one part of the platform.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.ComponentHealth")]
public sealed record ComponentHealth(
    [property: Id(0)] string Status,
    [property: Id(1)] string? Detail);
