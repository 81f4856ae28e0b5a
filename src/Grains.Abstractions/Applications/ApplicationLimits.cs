namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The bounds of an application's fields. They keep one application record small, so that a page of
/// the application list (<see cref="IApplicationDirectoryGrain"/>) stays well under 1 MB.
/// </summary>
public static class ApplicationLimits
{
    /// <summary>Longest name.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Most metadata pairs.</summary>
    public const int MaxMetadataEntries = 16;

    /// <summary>Longest metadata key.</summary>
    public const int MaxMetadataKeyLength = 64;

    /// <summary>Longest metadata value.</summary>
    public const int MaxMetadataValueLength = 256;

    /// <summary>Largest publish budget per window.</summary>
    public const int MaxRateLimit = 1_000_000;

    /// <summary>Longest publish-budget window.</summary>
    public static readonly TimeSpan MaxRateLimitWindow = TimeSpan.FromDays(1);

    /// <summary>Shortest retention of an application's data, and of the platform's default.</summary>
    public static readonly TimeSpan MinRetention = TimeSpan.FromMinutes(1);

    /// <summary>Longest retention of an application's data (10 years of 365 days), and of the platform's default.</summary>
    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(3650);
}
