namespace Akademia.Webhooks.Grains.Deliveries;

[Alias("akademia.internal.IDeliveryLogGrain")]
public interface IDeliveryLogGrain : IGrainWithStringKey
{
    [Alias("AppendAsync")]
    Task AppendAsync(DeliveryLogEntry entry);

    /// <summary>
    /// Appends unless the delivery is listed already, looking back through sealed segments as far as
    /// entries created at <paramref name="notBefore"/>: for deliveries that may have been listed by
    /// an activation lost in a crash. Dearer than <see cref="AppendAsync"/>, so only for those.
    /// </summary>
    [Alias("AppendOnceAsync")]
    Task AppendOnceAsync(DeliveryLogEntry entry, DateTimeOffset notBefore);

    /// <summary>Newest first, starting after <paramref name="cursor"/>.</summary>
    [Alias("ReadAsync"), ReadOnly]
    Task<(DeliveryLogEntry[] Entries, string? NextCursor)> ReadAsync(int limit, string? cursor);
}
