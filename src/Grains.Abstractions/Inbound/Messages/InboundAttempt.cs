namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>One processing attempt of an inbound message.</summary>
[GenerateSerializer, Alias("akademia.InboundAttempt")]
public sealed record InboundAttempt
{
    /// <summary>1-based attempt number since the message was accepted or last replayed.</summary>
    [Id(0)] public int Number { get; init; }

    /// <summary>When the attempt started.</summary>
    [Id(1)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time of the attempt in milliseconds.</summary>
    [Id(2)] public double DurationMs { get; init; }

    /// <summary>Why it failed, one of <see cref="InboundErrorCodes"/>; <c>null</c> when it succeeded.</summary>
    [Id(3)] public string? ErrorCode { get; init; }

    /// <summary>Human-readable failure text.</summary>
    [Id(4)] public string? ErrorMessage { get; init; }

    /// <summary>Whether the failure allows another attempt.</summary>
    [Id(5)] public bool Retryable { get; init; }

    /// <summary>Whether the attempt succeeded.</summary>
    public bool Succeeded => ErrorCode is null;
}
