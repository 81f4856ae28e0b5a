using System.ComponentModel.DataAnnotations;
using Akademia.Webhooks.Grains.Retries;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// Inbound webhooks: verification, processing and retries. Section <c>Inbound</c>. Defaults are the
/// specification's values.
/// </summary>
public sealed class InboundOptions : IValidatableObject
{
    public const string Section = "Inbound";

    /// <summary>How far a signed timestamp (Stripe, Standard Webhooks) may be from now: replays older than this are refused.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests per minute a source accepts when it does not set its own limit.</summary>
    [Range(1, 1_000_000)]
    public int DefaultRateLimitPerMinute { get; set; } = 1000;

    /// <summary>
    /// How long an accepted message waits before its first processing. 0 processes at once; a delay
    /// smooths a provider's bursts or lets events that arrive out of order settle first.
    /// </summary>
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Each processing attempt's time limit; past it the attempt fails with <c>TIMEOUT</c> and is retried.</summary>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first retry waits this long; each further one twice as long.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>No retry waits longer than this.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Up to this much is added at random to each wait, so messages that failed together do not retry together.</summary>
    public TimeSpan RetryJitter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Period of the reminder every unfinished message keeps armed: if its timer is lost (the silo
    /// died, the grain was collected), the next tick starts the attempt that is due.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The processing retry schedule for a message allowed <paramref name="maxAttempts"/> attempts.</summary>
    public RetryBackoff Backoff(int maxAttempts) => RetryBackoff.Doubling(RetryBaseDelay, RetryMaxDelay, RetryJitter, maxAttempts);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SignatureTolerance <= TimeSpan.Zero || SignatureTolerance > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("must be between 0 and 1 hour", [nameof(SignatureTolerance)]);
        }

        if (ProcessingDelay < TimeSpan.Zero || ProcessingDelay > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("must be between 0 and 1 day", [nameof(ProcessingDelay)]);
        }

        if (ProcessingTimeout <= TimeSpan.Zero || ProcessingTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be between 0 and 10 minutes", [nameof(ProcessingTimeout)]);
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("RetryBaseDelay must be positive and at most RetryMaxDelay", [nameof(RetryBaseDelay), nameof(RetryMaxDelay)]);
        }

        if (RetryJitter < TimeSpan.Zero)
        {
            yield return new ValidationResult("must not be negative", [nameof(RetryJitter)]);
        }

        if (ReminderPeriod <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be positive", [nameof(ReminderPeriod)]);
        }
    }
}
