namespace Akademia.Webhooks.Grains.Hosting;

/// <summary>Monitoring. Section <c>Monitor</c>.</summary>
public sealed class MonitorOptions
{
    public const string Section = "Monitor";

    /// <summary>The recent window over which the attempt success rate is judged for health.</summary>
    public TimeSpan HealthWindow { get; set; } = TimeSpan.FromMinutes(5);
}
