namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>One provider's inbound figures since the monitor started.</summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundProviderStats")]
public sealed record InboundProviderStats
{
    /// <summary>Messages accepted (202).</summary>
    [Id(0)] public long Received { get; init; }

    /// <summary>Requests refused, by reason (<c>INVALID_SIGNATURE</c>, <c>RATE_LIMIT_EXCEEDED</c>, <c>MALFORMED_PAYLOAD</c>).</summary>
    [Id(1)] public Dictionary<string, long> Rejected { get; init; } = [];

    /// <summary>Requests answered as duplicates.</summary>
    [Id(2)] public long Duplicates { get; init; }

    /// <summary>Messages processed.</summary>
    [Id(3)] public long Processed { get; init; }

    /// <summary>Messages dead-lettered.</summary>
    [Id(4)] public long Failed { get; init; }

    /// <summary>Failed attempts followed by a retry.</summary>
    [Id(5)] public long Retries { get; init; }

    /// <summary>Mean duration of successful processing attempts, in milliseconds.</summary>
    [Id(6)] public double AverageProcessingTimeMs { get; init; }
}
