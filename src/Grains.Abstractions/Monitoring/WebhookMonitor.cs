namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>Webhook delivery figures, cluster-wide since the monitor started.</summary>
[GenerateSerializer, Immutable, Alias("akademia.WebhookMonitor")]
public sealed record WebhookMonitor
{
    /// <summary>Events published.</summary>
    [Id(0)] public long TotalEvents { get; init; }

    /// <summary>Events whose fan-out has not yet settled.</summary>
    [Id(1)] public long PendingEvents { get; init; }

    /// <summary>Deliveries that made a first attempt.</summary>
    [Id(2)] public long TotalDeliveries { get; init; }

    /// <summary>Deliveries that ended delivered.</summary>
    [Id(3)] public long SuccessfulDeliveries { get; init; }

    /// <summary>Deliveries that ended in the dead-letter queue.</summary>
    [Id(4)] public long FailedDeliveries { get; init; }

    /// <summary>Deliveries waiting for a retry.</summary>
    [Id(5)] public long PendingDeliveries { get; init; }

    /// <summary>Mean duration of successful attempts, in milliseconds.</summary>
    [Id(6)] public double AverageDeliveryTimeMs { get; init; }

    /// <summary>Circuit breakers open now.</summary>
    [Id(7)] public int OpenCircuitBreakers { get; init; }

    /// <summary>Attempts made, and of them successful, over the recent window used for health.</summary>
    [Id(8)] public long RecentAttempts { get; init; }

    /// <summary>Successful attempts in the recent window.</summary>
    [Id(9)] public long RecentSuccessfulAttempts { get; init; }
}
