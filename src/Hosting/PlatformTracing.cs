using System.Diagnostics;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// The platform's own spans (a retry's attempt, which starts a trace of its own). Its name is the
/// meter's, so one name selects the platform in both signals.
/// </summary>
public static class PlatformTracing
{
    public const string Name = PlatformMeter.Name;

    /// <summary>
    /// Orleans' spans of calls to application grains. Not its runtime's own (reminder table, directory):
    /// a third of a delivery's spans, and nothing an operator follows a delivery by.
    /// </summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application"];

    public static readonly ActivitySource Source = new(Name);
}
