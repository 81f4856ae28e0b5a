namespace Akademia.Webhooks.Grains.Inbound;

[Alias("akademia.internal.IInboundSourceConfigGrain")]
public interface IInboundSourceInternalGrain : IGrainWithStringKey
{
    /// <summary>The live source's configuration; <c>null</c> when it does not exist or was deleted.</summary>
    [Alias("GetConfigAsync"), ReadOnly]
    Task<InboundSourceConfig?> GetConfigAsync();
}
