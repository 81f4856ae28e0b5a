using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Grains.Hosting;

/// <summary>Endpoint secrets and the test route. Section <c>Endpoints</c>.</summary>
public sealed class EndpointOptions
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

    public IReadOnlyList<TimeSpan> EffectiveTestRetryDelays => TestRetryDelays is { Length: > 0 } delays ? delays : DefaultTestRetryDelays;
}
