namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>What one silo observed of one inbound provider since its last report.</summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundProviderDelta")]
public sealed record InboundProviderDelta
{
    [Id(0)] public long Received { get; init; }

    [Id(1)] public long Duplicates { get; init; }

    [Id(2)] public long Processed { get; init; }

    [Id(3)] public long Failed { get; init; }

    [Id(4)] public long Retries { get; init; }

    /// <summary>Summed duration of successful attempts.</summary>
    [Id(5)] public double ProcessingMs { get; init; }

    /// <summary>Attempts that failed (retried or not).</summary>
    [Id(6)] public long FailedAttempts { get; init; }

    /// <summary>Requests refused, by reason.</summary>
    [Id(7)] public Dictionary<string, long> Rejected { get; init; } = [];
}
