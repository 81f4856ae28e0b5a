namespace Akademia.Webhooks.Grains.Deliveries;

[Alias("akademia.internal.IDeliveryWorkerGrain")]
public interface IDeliveryInternalGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes the first attempt unless the delivery already exists. One-way: the caller never waits for the
    /// receiver. Repeats are harmless.
    /// </summary>
    [Alias("StartAsync"), OneWay]
    Task StartAsync(DeliveryStart start);

    /// <summary>
    /// Makes the next attempt if one is due, or at once when <paramref name="force"/>. One-way, so
    /// reminder ticks never wait on a receiver.
    /// </summary>
    [Alias("AttemptIfDueAsync"), OneWay]
    Task AttemptIfDueAsync(bool force);

    /// <summary>The endpoint's bulkhead has granted this delivery the slot it queued for.</summary>
    [Alias("SlotGrantedAsync"), OneWay]
    Task SlotGrantedAsync();

    /// <summary>
    /// Creates a delivery durably (state written, reminder armed) and then attempts it at once.
    /// Used for replays, which answer only once the new delivery cannot be lost.
    /// </summary>
    [Alias("ScheduleAsync")]
    Task ScheduleAsync(DeliverySchedule schedule);

    /// <summary>Asks a pending delivery to attempt now if due (or regardless, when forced); true if it will.</summary>
    [Alias("ProcessNowAsync")]
    Task<bool> ProcessNowAsync(bool force);

    /// <summary>
    /// Answers the retry-schedule bucket of <paramref name="minute"/> whether this delivery is still
    /// filed there and, when <paramref name="process"/> and it belongs to <paramref name="applicationId"/>
    /// (any, when null), starts its attempt like <see cref="ProcessNowAsync"/>.
    /// </summary>
    [Alias("CheckRetryAsync")]
    Task<RetryCheck> CheckRetryAsync(long minute, bool process, bool force, string? applicationId);

    /// <summary>
    /// Clears the stored delivery when it has settled, for its event's retention; <c>false</c> (nothing
    /// done) while it is pending or its first attempt is under way. Idempotent; <c>true</c> when absent.
    /// </summary>
    [Alias("PurgeIfSettledAsync")]
    Task<bool> PurgeIfSettledAsync();

    /// <summary>
    /// Its event's payload was erased: a pending delivery ends <c>canceled</c> rather than send it.
    /// Answers whether this call canceled it.
    /// </summary>
    [Alias("CancelErasedAsync")]
    Task<bool> CancelErasedAsync();
}
