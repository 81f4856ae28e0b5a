namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>An endpoint's delivery rate as it stands.</summary>
[GenerateSerializer, Immutable, Alias("akademia.DeliveryRateSnapshot")]
public sealed record DeliveryRateSnapshot
{
    /// <summary>Deliveries per second now allowed.</summary>
    [Id(0)] public double CurrentPerSecond { get; init; }

    /// <summary>The configured starting rate.</summary>
    [Id(1)] public double ConfiguredPerSecond { get; init; }

    /// <summary>When sending may resume, while the receiver asked for a pause.</summary>
    [Id(2)] public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>The latest adjustments, newest first.</summary>
    [Id(3)] public RateAdjustment[] Adjustments { get; init; } = [];

    /// <summary>Attempts in flight now.</summary>
    [Id(4)] public int InFlight { get; init; }

    /// <summary>Deliveries waiting for a slot or for the rate.</summary>
    [Id(5)] public int Waiting { get; init; }
}
