namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One dead-letter entry; the key is its id.
/// </summary>
[Alias("akademia.IDeadLetterGrain")]
public interface IDeadLetterGrain : IGrainWithStringKey
{
    /// <summary>The entry, including soft-deleted ones; <c>null</c> when there is none.</summary>
    [Alias("GetAsync")]
    Task<DeadLetterEntry?> GetAsync();

    /// <summary>Soft-deletes the entry. Throws <c>NOT_FOUND</c> when absent or already deleted.</summary>
    [Alias("DeleteAsync")]
    Task<DeadLetterEntry> DeleteAsync();

    /// <summary>
    /// Delivers the entry's event again as a new delivery with the same <c>webhook-id</c>. Throws
    /// <c>NOT_FOUND</c> when absent and <c>CONFLICT</c> when the endpoint was deleted.
    /// </summary>
    [Alias("ReplayAsync")]
    Task<ReplayResult> ReplayAsync();
}
