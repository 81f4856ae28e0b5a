using Akademia.Webhooks.Grains.Retries;
namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// The next state of a delivery, given what its endpoint or its attempt said, free of Orleans and of
/// the clock: success delivers; a refused destination, a status the policy calls permanent, or the end
/// of the ladder dead-letters; any other failure waits the ladder's next delay, stretched to what a 429
/// or 503 asked for with Retry-After (at most <paramref name="maxRetryAfter"/>).
/// </summary>
public sealed class DeliveryTransition(RetryBackoff backoff, TimeSpan maxRetryAfter)
{
    public static DeliveryStep EndpointGone(DeliveryState current, DateTimeOffset now) =>
        new(DeliveryStepKind.Canceled, current with { Status = DeliveryStatus.Canceled, NextAttemptAt = null, UpdatedAt = now });

    /// <summary>The event's payload was erased: nothing is left to send.</summary>
    public static DeliveryStep PayloadErased(DeliveryState current, DateTimeOffset now) => EndpointGone(current, now);

    /// <summary>Paused endpoints keep their deliveries, which look again <paramref name="lookAgainIn"/> later.</summary>
    public static DeliveryStep EndpointPaused(DeliveryState current, DateTimeOffset now, TimeSpan lookAgainIn) =>
        new(DeliveryStepKind.Paused, current with { NextAttemptAt = now + lookAgainIn, UpdatedAt = now }, lookAgainIn);

    /// <summary>After an attempt; <paramref name="jitter"/> is a sample in [0, 1) for the ladder's jitter.</summary>
    public DeliveryStep After(DeliveryState current, DeliveryAttempt attempt, DateTimeOffset now, double jitter)
    {
        DeliveryAttempt[] attempts = [.. current.Attempts, attempt];
        if (attempt.Succeeded)
        {
            return new(DeliveryStepKind.Delivered, current with { Status = DeliveryStatus.Delivered, Attempts = attempts, NextAttemptAt = null, UpdatedAt = now });
        }

        var permanent = attempt.ErrorCode == DeliveryErrorCodes.ForbiddenDestination || backoff.IsPermanent(attempt.StatusCode);
        if (!permanent && NextDelay(attempts.Length, attempt, jitter) is { } wait)
        {
            return new(DeliveryStepKind.RetryScheduled, current with { Attempts = attempts, NextAttemptAt = now + wait, UpdatedAt = now }, wait);
        }

        return new(DeliveryStepKind.DeadLettered, current with { Status = DeliveryStatus.DeadLettered, Attempts = attempts, NextAttemptAt = null, UpdatedAt = now });
    }

    private TimeSpan? NextDelay(int attemptsMade, DeliveryAttempt attempt, double jitter)
    {
        if (backoff.NextDelay(attemptsMade, attempt.ErrorCode, attempt.StatusCode, jitter) is not { } delay)
        {
            return null;
        }

        if (attempt.RetryAfterSeconds is { } seconds)
        {
            var asked = TimeSpan.FromSeconds(Math.Min(seconds, maxRetryAfter.TotalSeconds));
            return asked > delay ? asked : delay;
        }

        return delay;
    }
}
