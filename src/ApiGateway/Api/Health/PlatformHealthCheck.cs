using Akademia.Webhooks.ApiGateway.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akademia.Webhooks.ApiGateway.Api.Health;

/// <summary>
/// The platform as the cluster judges it (<see cref="IPlatformHealthGrain"/>: storage, breakers,
/// deliveries, rate limits), behind <c>/api/health</c>. Degraded is healthy for a load balancer, so it
/// is not part of readiness: a customer's failing endpoint must not take gateways out.
/// </summary>
internal sealed class PlatformHealthCheck(ClusterConnection connection, IGrainFactory grains) : IHealthCheck
{
    public const string Name = "platform";

    /// <summary>The key of <see cref="HealthCheckResult.Data"/> holding the <see cref="PlatformHealth"/>.</summary>
    public const string HealthKey = "health";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!connection.IsConnected)
        {
            return HealthCheckResult.Unhealthy("the cluster did not answer");
        }

        try
        {
            var health = await grains.GetGrain<IPlatformHealthGrain>(0).CheckAsync().WaitAsync(Timeout, cancellationToken);
            var data = new Dictionary<string, object> { [HealthKey] = health };
            return health.Status switch
            {
                "healthy" => HealthCheckResult.Healthy("the platform is healthy", data),
                "degraded" => HealthCheckResult.Degraded("the platform is degraded", data: data),
                _ => HealthCheckResult.Unhealthy(health.Storage.Detail ?? "the platform is unhealthy", data: data),
            };
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or WebhookPlatformException)
        {
            return HealthCheckResult.Unhealthy("the cluster did not answer");
        }
    }
}
