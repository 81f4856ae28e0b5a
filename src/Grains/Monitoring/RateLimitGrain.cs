namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>
/// A fixed-window counter per tier, client and path, shared by every gateway because the grain is
/// unique in the cluster. Memory only: a lost window restarts at zero, which errs towards letting a
/// client through rather than blocking it wrongly.
/// </summary>
[GrainType("rate-limit")]
public sealed class RateLimitGrain(PlatformInstruments instruments, TimeProvider timeProvider) : Grain, IRateLimitGrain
{
    private DateTimeOffset _windowEnds;
    private int _count;

    public Task<RateLimitDecision> TryAcquireAsync(int limit, TimeSpan window)
    {
        var now = timeProvider.GetUtcNow();
        if (now >= _windowEnds)
        {
            _windowEnds = now + window;
            _count = 0;
            // Idle counters leave memory once their window is over.
            DelayDeactivation(window);
        }

        var allowed = _count < limit;
        if (allowed)
        {
            _count++;
        }

        instruments.RateLimitDecided(this.GetPrimaryKeyString(), blocked: !allowed, _windowEnds);
        return Task.FromResult(new RateLimitDecision(allowed, limit, Math.Max(0, limit - _count), _windowEnds));
    }
}
