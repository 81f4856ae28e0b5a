namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>An error as the monitor keeps it.</summary>
[GenerateSerializer, Immutable, Alias("akademia.MonitoredError")]
public sealed record MonitoredError(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] string Code,
    [property: Id(2)] int? Status,
    [property: Id(3)] string Endpoint,
    [property: Id(4)] string? Message);
