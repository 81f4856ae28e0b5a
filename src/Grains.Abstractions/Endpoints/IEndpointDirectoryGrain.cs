namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The set of endpoints. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IEndpointDirectoryGrain")]
public interface IEndpointDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>Every endpoint that is not deleted, oldest first.</summary>
    [Alias("ListAsync")]
    Task<EndpointDetails[]> ListAsync();

    /// <summary>The health of every endpoint that is not deleted, worst first.</summary>
    [Alias("ListHealthAsync")]
    Task<EndpointHealth[]> ListHealthAsync();
}
