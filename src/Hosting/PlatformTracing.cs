using System.Diagnostics;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// The platform's own spans (a retry's attempt, which starts a trace of its own). Its name is the
/// meter's, so one name selects the platform in both signals.
/// </summary>
public static class PlatformTracing
{
    public const string Name = PlatformMeter.Name;

    /// <summary>Orleans' grain-call spans: application grains and the runtime's own.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    public static readonly ActivitySource Source = new(Name);
}
