namespace Akademia.Webhooks.Grains.Deliveries;

[GenerateSerializer, Immutable, Alias("akademia.RetryScheduleState")]
public sealed record RetryScheduleState
{
    /// <summary>Minutes whose bucket may hold pending deliveries, ascending.</summary>
    [Id(0)] public long[] Minutes { get; init; } = [];
}
