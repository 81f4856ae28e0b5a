namespace Akademia.Webhooks.ApiGateway.Api;

/// <summary>The gateway's view of the cluster.</summary>
public sealed record ClusterView(string Status, int ActiveSilos);
