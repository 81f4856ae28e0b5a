namespace Akademia.Webhooks.Grains.Applications;

// Silo-internal: one page of the application list; the key is the page number.
[Alias("akademia.internal.IApplicationPageGrain")]
public interface IApplicationPageGrain : IGrainWithIntegerKey
{
    /// <summary>Appends the application; false when the page is full and it is not on it already.</summary>
    [Alias("TryAddAsync")]
    Task<bool> TryAddAsync(Application application);

    /// <summary>Replaces the application's record on this page, if listed here; an older record never replaces a newer one.</summary>
    [Alias("UpdateAsync")]
    Task UpdateAsync(Application application);

    [Alias("ReadAsync"), ReadOnly]
    Task<Application[]> ReadAsync();
}
