namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The endpoints of one application; the key is the application id (<see cref="Key"/> for the default one).
/// </summary>
[Alias("akademia.IEndpointDirectoryGrain")]
public interface IEndpointDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The default application's directory, which the specification's routes use.</summary>
    const string Key = ApplicationIds.Default;

    /// <summary>Every endpoint that is not deleted, oldest first.</summary>
    [Alias("ListAsync")]
    Task<EndpointDetails[]> ListAsync();

    /// <summary>The health of every endpoint that is not deleted, worst first.</summary>
    [Alias("ListHealthAsync")]
    Task<EndpointHealth[]> ListHealthAsync();
}
