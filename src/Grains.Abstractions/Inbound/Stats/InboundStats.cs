namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>Inbound webhook figures and health.</summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundStats")]
public sealed record InboundStats
{
    /// <summary>Figures per provider.</summary>
    [Id(0)] public Dictionary<string, InboundProviderStats> Providers { get; init; } = [];

    /// <summary>Queue sizes.</summary>
    [Id(1)] public required InboundQueues Queues { get; init; }

    /// <summary>Failed processing attempts / all attempts over the recent window (0–1); 0 without attempts.</summary>
    [Id(2)] public double ErrorRate { get; init; }

    /// <summary>0–100: 100, less 20 for more than 1000 received, 15 for more than 500 retrying, 25 for more than 100 dead-lettered, 30 for an error rate above 10 % and 15 above 5 %.</summary>
    [Id(3)] public int HealthScore { get; init; }

    /// <summary><c>healthy</c> at a score of 70 or more, otherwise <c>degraded</c>.</summary>
    [Id(4)] public required string Status { get; init; }
}
