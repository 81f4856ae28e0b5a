using System.Globalization;

namespace Akademia.Webhooks.Grains.Health;

[StatelessWorker, GrainType("platform-health")]
public sealed class PlatformHealthGrain : Grain, IPlatformHealthGrain
{
    public async Task<PlatformHealth> CheckAsync()
    {
        var storage = GrainFactory.GetGrain<IStorageProbeGrain>("probe").CheckAsync();
        var hosts = GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var inbound = GrainFactory.GetGrain<IInboundAdminGrain>(0).GetStatsAsync();
        var monitor = await GrainFactory.GetGrain<IIntegrationMonitorGrain>(IIntegrationMonitorGrain.Key).GetAsync();
        return Judge(await storage, (await hosts).Count, monitor, await inbound);
    }

    /// <summary>The specification's thresholds, applied to the monitor's figures.</summary>
    public static PlatformHealth Judge(ComponentHealth storage, int activeSilos, MonitorSnapshot monitor, InboundStats? inbound = null)
    {
        var webhooks = monitor.Webhooks;
        double? successRate = webhooks.RecentAttempts == 0
            ? null
            : Math.Round(100.0 * webhooks.RecentSuccessfulAttempts / webhooks.RecentAttempts, 2);
        var webhook = successRate switch
        {
            null or >= 95 => "healthy",
            >= 80 => "degraded",
            _ => "unhealthy",
        };
        var blockRate = monitor.RateLimiting.BlockRate;
        var rateLimiting = blockRate switch
        {
            < 1 => "healthy",
            <= 5 => "elevated",
            _ => "high",
        };
        var breaker = webhooks.OpenCircuitBreakers == 0
            ? "CLOSED (healthy)"
            : string.Create(CultureInfo.InvariantCulture, $"OPEN (degraded): {webhooks.OpenCircuitBreakers} open");

        // Failing receivers and busy clients degrade the platform's service but not the platform:
        // only a storage that refuses writes makes it unhealthy (and its health route answer 503).
        var status = storage.Status != "healthy" ? "unhealthy"
            : webhook != "healthy" || rateLimiting == "high" || webhooks.OpenCircuitBreakers > 0 || inbound?.Status is "degraded" ? "degraded"
            : "healthy";
        return new PlatformHealth
        {
            Status = status,
            Storage = storage,
            ActiveSilos = activeSilos,
            CircuitBreaker = breaker,
            Webhook = webhook,
            WebhookSuccessRate = successRate,
            RateLimiting = rateLimiting,
            BlockRate = blockRate,
            Inbound = inbound,
        };
    }
}
