namespace Akademia.Webhooks.Grains.Inbound;

[Alias("akademia.internal.IInboundSourceIndexGrain")]
public interface IInboundSourceDirectoryInternalGrain : IGrainWithStringKey
{
    [Alias("UpsertAsync")]
    Task UpsertAsync(InboundSource source, bool deleted);
}
