namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>What a delivery answers a bucket of the retry schedule that holds it.</summary>
public enum RetryCheck
{
    /// <summary>Pending and filed in that bucket; not started now.</summary>
    Waiting,

    /// <summary>Pending and filed in that bucket; its attempt was started.</summary>
    Started,

    /// <summary>Settled, or filed in another bucket: the bucket may forget it.</summary>
    Elsewhere,
}
