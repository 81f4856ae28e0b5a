namespace Akademia.Webhooks.Grains.Applications;

// Silo-internal: public only because Orleans' code generator needs it to be.
[Alias("akademia.internal.IApplicationDirectoryGrain")]
public interface IApplicationDirectoryInternalGrain : IGrainWithStringKey
{
    /// <summary>Lists a new application on the last page (a new page when it is full); answers the page.</summary>
    [Alias("AddAsync")]
    Task<int> AddAsync(Application application);
}
