namespace Akademia.Webhooks.ApiGateway.Api.Health;

/// <summary>The specification's health answer.</summary>
public sealed record HealthReport(string Status, DateTimeOffset Timestamp, string Uptime, SystemHealth SystemHealth);
