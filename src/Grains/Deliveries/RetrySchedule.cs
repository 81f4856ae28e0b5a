namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// The retry ladder: the first attempt is immediate, then one wait per configured delay. Each wait
/// is jittered so that deliveries that failed together do not retry in lockstep.
/// </summary>
public sealed class RetrySchedule(IReadOnlyList<TimeSpan> delays, double jitterFactor)
{
    public int MaxAttempts => delays.Count + 1;

    /// <summary>
    /// The wait after <paramref name="attemptsMade"/> failed attempts, or <c>null</c> when none are left.
    /// <paramref name="random"/> is a sample in [0, 1).
    /// </summary>
    public TimeSpan? NextDelay(int attemptsMade, double random)
    {
        if (attemptsMade < 1 || attemptsMade >= MaxAttempts)
        {
            return null;
        }

        var baseDelay = delays[attemptsMade - 1];
        var factor = 1 + (jitterFactor * ((2 * random) - 1));
        return TimeSpan.FromTicks((long)(baseDelay.Ticks * factor));
    }
}
