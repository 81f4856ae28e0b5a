namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Health checks run inside the cluster. Stateless: call it with key 0.
/// </summary>
[Alias("akademia.IPlatformHealthGrain")]
public interface IPlatformHealthGrain : IGrainWithIntegerKey
{
    /// <summary>Checks storage with a write, counts active silos and judges the monitor's figures.</summary>
    [Alias("CheckAsync")]
    Task<PlatformHealth> CheckAsync();
}
