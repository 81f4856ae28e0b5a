using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Hosting;

namespace Akademia.Webhooks.Silo;

/// <summary>
/// One start-up line once the silo is an active member, with what an operator checks first: its
/// address, the cluster, and where membership, state and reminders live. Orleans' own start-up lines
/// (a dozen, plus every option) are at Warning; <c>Logging:LogLevel:Orleans.Runtime.Silo=Information</c>
/// and <c>Logging:LogLevel:Orleans.Runtime.SiloOptionsLogger=Information</c> bring them back.
/// </summary>
internal sealed partial class SiloActiveLog(ILocalSiloDetails silo, SiloOptions options, ILogger<SiloActiveLog> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(SiloActiveLog), ServiceLifecycleStage.Active, _ =>
    {
        LogActive(logger, silo.SiloAddress.Endpoint, options.ClusterId, options.ServiceId, options.Clustering, options.Storage, options.GatewayPort);
        return Task.CompletedTask;
    });

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Silo at {SiloEndpoint} is active in cluster {ClusterId} (service {ServiceId}): {Clustering} clustering, {Storage} storage, gateway port {GatewayPort}")]
    private static partial void LogActive(ILogger logger, System.Net.IPEndPoint siloEndpoint, string clusterId, string serviceId, ClusteringMode clustering, StorageMode storage, int gatewayPort);
}
