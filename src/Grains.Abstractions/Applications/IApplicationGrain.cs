namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One application; the key is its id (<see cref="ApplicationIds"/>). The <see cref="ApplicationIds.Default"/>
/// application exists without being created: it may be renamed, never deleted.
/// </summary>
[Alias("akademia.IApplicationGrain")]
public interface IApplicationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the application. Throws <see cref="ValidationFailedException"/> for a bad id (the key) or
    /// definition, and <c>CONFLICT</c> when the id is taken (also by a deleted application, or <c>default</c>).
    /// </summary>
    [Alias("CreateAsync")]
    Task<Application> CreateAsync(ApplicationDefinition definition);

    /// <summary>The application, or <c>null</c> when it was never created or was deleted.</summary>
    [Alias("GetAsync"), ReadOnly]
    Task<Application?> GetAsync();

    /// <summary>Applies a partial update. Throws <c>NOT_FOUND</c> when absent or deleted.</summary>
    [Alias("UpdateAsync")]
    Task<Application> UpdateAsync(ApplicationPatch patch);

    /// <summary>
    /// Soft-deletes the application and every endpoint of it (their pending deliveries end canceled).
    /// Throws <c>NOT_FOUND</c> when absent, and <c>CONFLICT</c> for <c>default</c>.
    /// </summary>
    [Alias("DeleteAsync")]
    Task DeleteAsync();
}
