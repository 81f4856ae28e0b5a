using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Grains.PortalAccess;

/// <summary>Portal tokens. Section <c>PortalAccess</c>.</summary>
public sealed class PortalAccessOptions
{
    public const string Section = "PortalAccess";

    /// <summary>How long an issued token works: 1 minute to 24 hours, 15 minutes by default.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
