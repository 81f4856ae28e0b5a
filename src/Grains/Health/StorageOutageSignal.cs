namespace Akademia.Webhooks.Grains.Health;

/// <summary>
/// When a grain on this silo last failed because storage was unreachable. The health probe caches its
/// result for a few seconds; an outage seen by any call drops that cache, so health turns unhealthy
/// as soon as publishing does, not a cache period later.
/// </summary>
public sealed class StorageOutageSignal(TimeProvider timeProvider)
{
    private long _lastOutageTicks;

    public DateTimeOffset LastOutage => new(Interlocked.Read(ref _lastOutageTicks), TimeSpan.Zero);

    public void Observed() => Interlocked.Exchange(ref _lastOutageTicks, timeProvider.GetUtcNow().UtcTicks);
}
