namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>One change of an endpoint's delivery rate.</summary>
[GenerateSerializer, Immutable, Alias("akademia.RateAdjustment")]
public sealed record RateAdjustment(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] double From,
    [property: Id(2)] double To,
    [property: Id(3)] string Reason);
