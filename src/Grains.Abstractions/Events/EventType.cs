namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// An event type that endpoints can subscribe to.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.EventType")]
public sealed record EventType(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] bool BuiltIn);
