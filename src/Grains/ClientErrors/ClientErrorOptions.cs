using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Grains.ClientErrors;

/// <summary>The client-error log. Section <c>ClientErrors</c>.</summary>
public sealed class ClientErrorOptions
{
    public const string Section = "ClientErrors";

    /// <summary>
    /// How many of the most recent client errors are kept. Each is stored on its own (at most about
    /// 29 KB), in one of this many slots reused in turn; changing it hides the reports whose slot
    /// moved until they are overwritten.
    /// </summary>
    [Range(1, 10_000)]
    public int Capacity { get; set; } = 1000;
}
