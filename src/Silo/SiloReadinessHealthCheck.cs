using Akademia.Webhooks.Grains.Abstractions;
using Akademia.Webhooks.Grains.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Akademia.Webhooks.Silo;

/// <summary>
/// The silo is ready when it is an active member of the cluster and its grain storage and reminder
/// table answer: the storage probe (a real write and a reminder read, cached like <c>/api/health</c>'s)
/// runs on this silo, under a key of its own, so the outage signal it reads is this silo's.
/// </summary>
internal sealed class SiloReadinessHealthCheck(ISiloStatusOracle membership, ILocalSiloDetails silo, IGrainFactory grains) : IHealthCheck
{
    public const string Name = "silo";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentStatus;
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"the silo is {status}, not an active member of the cluster");
        }

        try
        {
            var storage = await grains.GetGrain<IStorageProbeGrain>(ProbeKey).CheckAsync().WaitAsync(Timeout, cancellationToken);
            return storage.Status == "healthy"
                ? HealthCheckResult.Healthy("an active member; grain storage and the reminder table answer")
                : HealthCheckResult.Unhealthy(storage.Detail ?? "storage is unhealthy");
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or WebhookPlatformException)
        {
            return HealthCheckResult.Unhealthy("the storage probe did not answer: " + ex.Message);
        }
    }

    // By endpoint, not by incarnation: a restarted silo reuses its predecessor's probe row.
    private string ProbeKey => "silo-" + silo.SiloAddress.Endpoint;
}
