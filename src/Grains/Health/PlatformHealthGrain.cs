namespace Akademia.Webhooks.Grains.Health;

[StatelessWorker, GrainType("platform-health")]
public sealed class PlatformHealthGrain : Grain, IPlatformHealthGrain
{
    public async Task<ClusterHealth> CheckAsync()
    {
        var storage = GrainFactory.GetGrain<IStorageProbeGrain>("probe").CheckAsync();
        var hosts = GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return new ClusterHealth(await storage, (await hosts).Count);
    }
}
