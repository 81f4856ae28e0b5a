namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// Finds pending deliveries through the reminder table: every delivery waiting for a retry has
/// exactly one "retry" reminder, so no separate index (and no extra write per failure) is needed.
/// </summary>
[StatelessWorker, GrainType("delivery-admin")]
public sealed class DeliveryAdminGrain(IReminderTable reminders) : Grain, IDeliveryAdminGrain
{
    private static readonly GrainType DeliveryType = GrainType.Create("delivery");

    public async Task<int> ProcessPendingAsync(bool force)
    {
        // Ranges are (begin, end]: the two reads together cover the whole ring, hash 0 included.
        var rows = (await reminders.ReadRows(0, uint.MaxValue)).Reminders
            .Concat((await reminders.ReadRows(uint.MaxValue, 0)).Reminders);
        var pending = rows
            .Where(r => r.ReminderName == DeliveryGrain.RetryReminder && r.GrainId.Type.Equals(DeliveryType))
            .Select(r => r.GrainId)
            .Distinct()
            .ToList();

        var started = await Task.WhenAll(pending.Select(id =>
            GrainFactory.GetGrain<IDeliveryInternalGrain>(id.Key.ToString()!).ProcessNowAsync(force)));
        return started.Count(s => s);
    }
}
