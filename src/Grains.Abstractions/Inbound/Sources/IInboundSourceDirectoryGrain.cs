namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The set of inbound sources. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IInboundSourceDirectoryGrain")]
public interface IInboundSourceDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>Every source that is not deleted, oldest first.</summary>
    [Alias("ListAsync")]
    Task<InboundSource[]> ListAsync();
}
