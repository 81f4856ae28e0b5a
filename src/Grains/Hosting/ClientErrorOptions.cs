using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Grains.Hosting;

/// <summary>The client-error log. Section <c>ClientErrors</c>.</summary>
public sealed class ClientErrorOptions
{
    public const string Section = "ClientErrors";

    /// <summary>
    /// How many of the most recent client errors are kept. Each is at most about 29 KB and the log is
    /// one grain state, written whole on every report, so keep it in the thousands at most.
    /// </summary>
    [Range(1, 10_000)]
    public int Capacity { get; set; } = 1000;
}
