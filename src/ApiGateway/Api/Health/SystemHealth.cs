namespace Akademia.Webhooks.ApiGateway.Api.Health;

/// <summary>The parts behind the overall status.</summary>
public sealed record SystemHealth(
    string CircuitBreaker,
    string Webhook,
    double? WebhookSuccessRate,
    string RateLimiting,
    double BlockRate,
    ComponentHealth Storage,
    ClusterView Cluster,
    InboundStats? Inbound = null);
