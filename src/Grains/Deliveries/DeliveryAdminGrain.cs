namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// Finds pending deliveries through the retry schedule (<see cref="RetryScheduleGrain"/>): each
/// partition lists the minutes whose bucket may hold deliveries, so a manual process reads only the
/// buckets due (every bucket, when forced), never the reminder table.
/// </summary>
[StatelessWorker, GrainType("delivery-admin")]
public sealed class DeliveryAdminGrain(TimeProvider timeProvider) : Grain, IDeliveryAdminGrain
{
    public Task<int> ProcessPendingAsync(bool force) => ProcessPendingAsync(force, null);

    public async Task<int> ProcessPendingAsync(bool force, string? applicationId)
    {
        var through = force ? long.MaxValue : RetrySchedule.MinuteOf(timeProvider.GetUtcNow());
        var started = await Task.WhenAll(Enumerable.Range(0, RetrySchedule.Partitions).Select(p => ProcessPartitionAsync(p, through, force, applicationId)));
        return started.Sum();
    }

    private async Task<int> ProcessPartitionAsync(int partition, long through, bool force, string? applicationId)
    {
        var started = 0;
        foreach (var minute in await GrainFactory.GetGrain<IRetryScheduleInternalGrain>(partition).ListAsync(through))
        {
            var (count, _) = await GrainFactory.GetGrain<IRetryBucketInternalGrain>(RetrySchedule.BucketKey(partition, minute)).ProcessAsync(force, applicationId);
            started += count;
        }

        return started;
    }
}
