using System.Globalization;
using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Grains.Retention;

/// <summary>
/// What an event owns through each of its deliveries: the delivery, its dead-letter entry (same id),
/// and the replays of that entry (<c>{deliveryId}:replay-N</c>, each a delivery and perhaps an entry).
/// The event's purge and its payload erasure walk them the same way.
/// </summary>
public static class EventRetention
{
    /// <summary>The id of the <paramref name="replay"/>-th replay of the dead-letter entry <paramref name="deliveryId"/> (see <see cref="DeadLetterGrain.ReplayAsync"/>).</summary>
    public static string ReplayId(string deliveryId, int replay) =>
        string.Create(CultureInfo.InvariantCulture, $"{deliveryId}:replay-{replay}");

    /// <summary>Purges a delivery, its dead-letter entry and its replays; <c>false</c> when one is still pending (nothing of it is purged then).</summary>
    public static async Task<bool> ExpireDeliveryAsync(IGrainFactory grains, string deliveryId)
    {
        if (!await grains.GetGrain<IDeliveryInternalGrain>(deliveryId).PurgeIfSettledAsync())
        {
            return false;
        }

        return await grains.GetGrain<IDeadLetterInternalGrain>(deliveryId).ExpireAsync() is null;
    }

    /// <summary>Erases a delivery's dead-letter copy and its replays' copies, and cancels what is pending of them.</summary>
    public static async Task<(int Copies, int Canceled)> EraseDeliveryAsync(IGrainFactory grains, string deliveryId)
    {
        var canceled = await grains.GetGrain<IDeliveryInternalGrain>(deliveryId).CancelErasedAsync() ? 1 : 0;
        if (await grains.GetGrain<IDeadLetterInternalGrain>(deliveryId).EraseCopyAsync() is not { } replays)
        {
            return (0, canceled);
        }

        var copies = 1;
        for (var replay = 1; replay <= replays; replay++)
        {
            var replayId = ReplayId(deliveryId, replay);
            canceled += await grains.GetGrain<IDeliveryInternalGrain>(replayId).CancelErasedAsync() ? 1 : 0;
            copies += await grains.GetGrain<IDeadLetterInternalGrain>(replayId).EraseCopyAsync() is null ? 0 : 1;
        }

        return (copies, canceled);
    }
}
