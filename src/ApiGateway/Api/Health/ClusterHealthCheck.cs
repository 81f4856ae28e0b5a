using Akademia.Webhooks.ApiGateway.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akademia.Webhooks.ApiGateway.Api.Health;

/// <summary>The gateway's readiness: it reaches the cluster (what its connection probes last saw).</summary>
internal sealed class ClusterHealthCheck(ClusterConnection connection) : IHealthCheck
{
    public const string Name = "cluster";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsConnected
            ? HealthCheckResult.Healthy("a silo is reachable")
            : HealthCheckResult.Unhealthy("no silo is reachable"));
}
