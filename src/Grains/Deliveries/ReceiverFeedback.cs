namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>What a receiver's answer says about its capacity.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.ReceiverFeedback")]
public sealed record ReceiverFeedback
{
    [Id(0)] public int? StatusCode { get; init; }

    [Id(1)] public string? ErrorCode { get; init; }

    [Id(2)] public double DurationMs { get; init; }

    /// <summary>Retry-After on a 429 or 503, in seconds.</summary>
    [Id(3)] public double? RetryAfterSeconds { get; init; }

    /// <summary>X-RateLimit-Remaining or RateLimit-Remaining.</summary>
    [Id(4)] public double? Remaining { get; init; }

    /// <summary>X-RateLimit-Limit or RateLimit-Limit.</summary>
    [Id(5)] public double? Limit { get; init; }

    /// <summary>Seconds until the receiver's window resets (X-RateLimit-Reset, as seconds or a unix time).</summary>
    [Id(6)] public double? ResetSeconds { get; init; }

    /// <summary>Whether the attempt reached the receiver at all.</summary>
    public bool Reached => ErrorCode is null or DeliveryErrorCodes.Timeout;
}
