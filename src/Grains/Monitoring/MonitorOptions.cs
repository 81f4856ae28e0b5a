using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>Monitoring. Section <c>Monitor</c>.</summary>
public sealed class MonitorOptions
{
    public const string Section = "Monitor";

    /// <summary>The recent window over which the attempt success rate is judged for health.</summary>
    public TimeSpan HealthWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a storage probe's result (one write, one reminder-table read) answers health checks:
    /// load balancers poll often, and each poll should not cost a write. Zero probes every time;
    /// at most one minute. A storage outage seen by any call on the probe's silo ends it early.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan HealthProbeCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
