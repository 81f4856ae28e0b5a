namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Cluster-wide integration figures, fed by every silo. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IIntegrationMonitorGrain")]
public interface IIntegrationMonitorGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>The current figures. Silos report every second, so they lag by about that much.</summary>
    [Alias("GetAsync")]
    Task<MonitorSnapshot> GetAsync();
}
