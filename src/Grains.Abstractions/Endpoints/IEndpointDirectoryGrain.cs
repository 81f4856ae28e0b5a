namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The endpoints of one application; the key is the application id (<see cref="Key"/> for the default one).
/// Listings are paged: <c>limit</c> is 1 to 100, and a cursor is what the previous page answered.
/// </summary>
[Alias("akademia.IEndpointDirectoryGrain")]
public interface IEndpointDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The default application's directory, which the specification's routes use.</summary>
    const string Key = ApplicationIds.Default;

    /// <summary>Endpoints that are not deleted, oldest first, from <paramref name="cursor"/> on (the first page when <c>null</c>).</summary>
    [Alias("ListPageAsync"), ReadOnly]
    Task<EndpointPage> ListAsync(int limit, string? cursor);

    /// <summary>The health of the endpoints of one listing page, worst first within the page.</summary>
    // Interleaved: it waits on endpoint grains, and an endpoint activating may be sending the directory a repair.
    [Alias("ListHealthPageAsync"), AlwaysInterleave]
    Task<EndpointHealthPage> ListHealthAsync(int limit, string? cursor);
}
