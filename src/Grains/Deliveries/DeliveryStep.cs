namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>A delivery's next state, and why; <see cref="RetryIn"/> is set when another attempt is scheduled.</summary>
public sealed record DeliveryStep(DeliveryStepKind Kind, DeliveryState State, TimeSpan? RetryIn = null)
{
    /// <summary>No further attempt will follow.</summary>
    public bool Settled => Kind is DeliveryStepKind.Canceled or DeliveryStepKind.Delivered or DeliveryStepKind.DeadLettered;
}
