using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>Endpoint secrets and the test route. Section <c>Endpoints</c>.</summary>
public sealed class EndpointPolicyOptions
{
    public const string Section = "Endpoints";

    /// <summary>How long a rotated-out secret still signs attempts.</summary>
    public TimeSpan SecretRotationWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Previous secrets kept in their window; one more rotation inside it is refused.</summary>
    [Range(1, 100)]
    public int MaxPreviousSecrets { get; set; } = 10;

    /// <summary>The specification's test-route waits: 1 s, 2 s, 3 s (4 attempts).</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultTestRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)];

    /// <summary>Waits between test-route attempts; unset means <see cref="DefaultTestRetryDelays"/>.</summary>
    public TimeSpan[]? TestRetryDelays { get; set; }

    /// <summary>An endpoint failing without any success for this long is disabled (as Svix does).</summary>
    public TimeSpan AutoDisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Failed attempts in a row after which <c>webhook.endpoint.failing</c> is emitted.</summary>
    [Range(1, 1000)]
    public int FailingAfterConsecutiveFailures { get; set; } = 4;

    /// <summary>Below this health score (0–1) attempts go to the failover URL, when there is one.</summary>
    [Range(0.0, 1.0)]
    public double FailoverBelowHealthScore { get; set; } = 0.5;

    /// <summary>The health window: at most this many recent attempts…</summary>
    [Range(1, 10_000)]
    public int HealthWindowAttempts { get; set; } = 100;

    /// <summary>…no older than this.</summary>
    public TimeSpan HealthWindowAge { get; set; } = TimeSpan.FromMinutes(15);

    public IReadOnlyList<TimeSpan> EffectiveTestRetryDelays => TestRetryDelays is { Length: > 0 } delays ? delays : DefaultTestRetryDelays;
}
