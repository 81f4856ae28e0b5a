namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The service level expected of an endpoint.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.EndpointSla")]
public sealed record EndpointSla
{
    /// <summary>Least share of successful attempts, in percent (e.g. 99.5).</summary>
    [Id(0)] public double? MinAvailability { get; init; }

    /// <summary>Highest acceptable average response time, in milliseconds.</summary>
    [Id(1)] public double? MaxResponseTimeMs { get; init; }
}
