namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>The specification's integration monitor.</summary>
[GenerateSerializer, Immutable, Alias("akademia.MonitorSnapshot")]
public sealed record MonitorSnapshot(
    [property: Id(0)] WebhookMonitor Webhooks,
    [property: Id(1)] ErrorMonitor Errors,
    [property: Id(2)] RateLimitMonitor RateLimiting);
