namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// How an endpoint's failed attempts are retried.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.RetryPolicy")]
public sealed record RetryPolicy
{
    /// <summary><c>ladder</c> (default), <c>exponential</c>, <c>linear</c>, <c>polynomial</c> or <c>fibonacci</c>.</summary>
    [Id(0)] public string Strategy { get; init; } = "ladder";

    /// <summary>The unit of the computed strategies, in seconds (default 60).</summary>
    [Id(1)] public double? BaseDelaySeconds { get; init; }

    /// <summary>The longest wait, in seconds (default 7200).</summary>
    [Id(2)] public double? MaxDelaySeconds { get; init; }

    /// <summary>Attempts in all, the first included (default 7).</summary>
    [Id(3)] public int? MaxAttempts { get; init; }

    /// <summary>Each wait is scaled by a random factor within ± this (default 0.1).</summary>
    [Id(4)] public double? JitterFactor { get; init; }

    /// <summary>A custom ladder for the <c>ladder</c> strategy: waits in seconds before attempts 2, 3, …</summary>
    [Id(5)] public double[]? DelaysSeconds { get; init; }

    /// <summary>Statuses after which retrying is pointless; <c>410</c> is always among them.</summary>
    [Id(6)] public int[]? PermanentStatusCodes { get; init; }
}
