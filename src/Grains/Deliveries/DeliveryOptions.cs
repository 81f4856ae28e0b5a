using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// How deliveries are attempted and retried. Defaults are the specification's values.
/// </summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string Section = "Delivery";

    /// <summary>Per-attempt timeout: the whole request, headers and body.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The specification's ladder: 1m, 5m, 15m, 30m, 1h, 2h.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
    ];

    /// <summary>
    /// Waits before attempts 2, 3, …; the first attempt is immediate, so attempts in all = delays + 1.
    /// Unset means <see cref="DefaultRetryDelays"/>. (No default array here: the configuration binder
    /// would append the configured delays to it instead of replacing it.)
    /// </summary>
    public TimeSpan[]? RetryDelays { get; set; }

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays is { Length: > 0 } delays ? delays : DefaultRetryDelays;

    /// <summary>Each delay is scaled by a random factor in [1 - JitterFactor, 1 + JitterFactor].</summary>
    [Range(0.0, 0.5)]
    public double JitterFactor { get; set; } = 0.1;

    /// <summary>
    /// Period of the reminder that drives a pending delivery. If a tick is missed (the cluster was
    /// down, or the attempt was lost in a crash), the next period tries again.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Period of the reminder with which an event re-drives deliveries that have not yet recorded
    /// their first outcome.
    /// </summary>
    public TimeSpan FanOutRedrivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this much of a response body is read.</summary>
    [Range(0, 16 * 1024 * 1024)]
    public int MaxResponseBodyBytes { get; set; } = 64 * 1024;

    /// <summary>At most this much of a response body is kept with the attempt.</summary>
    [Range(0, 64 * 1024)]
    public int RecordedResponseBodyBytes { get; set; } = 1024;

    /// <summary>Largest accepted event body (the JSON sent to endpoints).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxEventBytes { get; set; } = 256 * 1024;

    /// <summary>Longest wait a receiver's <c>Retry-After</c> can impose.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Attempts in flight to one endpoint at once, cluster-wide (the bulkhead).</summary>
    [Range(1, 1000)]
    public int MaxConcurrentAttemptsPerEndpoint { get; set; } = 5;

    /// <summary>
    /// Networks deliveries may reach although they are private, loopback or otherwise blocked, in
    /// CIDR form (e.g. <c>127.0.0.0/8</c>). Empty in production; development and tests allow loopback.
    /// </summary>
    public string[]? AllowedDestinationNetworks { get; set; }

    /// <summary>
    /// Entries per sealed page of an endpoint's delivery history. The open page is rewritten on every
    /// append (appends that arrive together share one write), so its size is the cost of each write.
    /// </summary>
    [Range(10, 10_000)]
    public int DeliveryLogSegmentSize { get; set; } = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be between 0 and 10 minutes", [nameof(AttemptTimeout)]);
        }

        if (RetryDelays?.Any(d => d < TimeSpan.Zero) == true)
        {
            yield return new ValidationResult("delays must not be negative", [nameof(RetryDelays)]);
        }

        foreach (var network in AllowedDestinationNetworks ?? [])
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                yield return new ValidationResult($"'{network}' is not a CIDR network", [nameof(AllowedDestinationNetworks)]);
            }
        }

        if (ReminderPeriod <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be positive", [nameof(ReminderPeriod)]);
        }

        if (FanOutRedrivePeriod <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be positive", [nameof(FanOutRedrivePeriod)]);
        }
    }
}
