namespace Akademia.Webhooks.Grains.Deliveries;

[GenerateSerializer, Immutable, Alias("akademia.RetryBucketState")]
public sealed record RetryBucketState
{
    /// <summary>Delivery ids filed here, some perhaps stale until the next prune.</summary>
    [Id(0)] public string[] DeliveryIds { get; init; } = [];
}
