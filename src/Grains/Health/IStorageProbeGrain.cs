namespace Akademia.Webhooks.Grains.Health;

[Alias("akademia.internal.IStorageProbeGrain")]
public interface IStorageProbeGrain : IGrainWithStringKey
{
    [Alias("CheckAsync")]
    Task<ComponentHealth> CheckAsync();
}
