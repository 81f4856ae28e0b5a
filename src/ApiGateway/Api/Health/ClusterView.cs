namespace Akademia.Webhooks.ApiGateway.Api.Health;

/// <summary>The gateway's view of the cluster.</summary>
public sealed record ClusterView(string Status, int ActiveSilos);
