namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The answer to a publish; a repeated publish of one id answers the original result.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.PublishResult")]
public sealed record PublishResult(
    [property: Id(0)] string EventId,
    [property: Id(1)] int Deliveries);
