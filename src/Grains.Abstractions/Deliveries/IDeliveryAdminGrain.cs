namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Operations on deliveries as a whole. Stateless: call it with key 0.
/// </summary>
[Alias("akademia.IDeliveryAdminGrain")]
public interface IDeliveryAdminGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Makes every pending delivery whose next attempt is due attempt now, or every pending delivery
    /// when <paramref name="force"/>. Returns how many were started.
    /// </summary>
    [Alias("ProcessPendingAsync")]
    Task<int> ProcessPendingAsync(bool force);

    /// <summary>
    /// As <see cref="ProcessPendingAsync(bool)"/>, for the deliveries of one application only, or of
    /// every application when <paramref name="applicationId"/> is null.
    /// </summary>
    [Alias("ProcessPendingOfAsync")]
    Task<int> ProcessPendingAsync(bool force, string? applicationId);
}
