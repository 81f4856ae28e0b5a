using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Grains.Events;

/// <summary>Idempotency keys of publishes. Section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>
    /// How long a key answers its first result (24 h, as Stripe keeps them). At least a minute, so a
    /// retry after a timed-out call still finds it; at most 30 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan KeyRetention { get; set; } = IdempotencyKeys.Retention;
}
