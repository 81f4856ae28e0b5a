using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Grains.Retention;

/// <summary>How long stored data is kept. Section <c>Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// The default retention of events, deliveries, delivery logs, dead letters and inbound messages
    /// (30 days), for applications without their own; 1 minute to 10 years like the application field.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often each sweeper partition looks for buckets that fell due (5 min). Purges happen at most
    /// this much plus a bucket's width after their due time, never before.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
