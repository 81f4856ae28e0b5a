namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>Errors seen by the platform: failed attempts, client-reported errors.</summary>
[GenerateSerializer, Immutable, Alias("akademia.ErrorMonitor")]
public sealed record ErrorMonitor
{
    /// <summary>All errors counted.</summary>
    [Id(0)] public long Total { get; init; }

    /// <summary>Errors by code.</summary>
    [Id(1)] public Dictionary<string, long> ByCode { get; init; } = [];

    /// <summary>Errors by HTTP status.</summary>
    [Id(2)] public Dictionary<string, long> ByStatus { get; init; } = [];

    /// <summary>The last 100 errors, newest first.</summary>
    [Id(3)] public MonitoredError[] Recent { get; init; } = [];
}
