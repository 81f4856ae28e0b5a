namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Application (tenant) ids. Everything written before applications existed carries no application id
/// and belongs to <see cref="Default"/>, which the specification's routes act on.
/// </summary>
public static class ApplicationIds
{
    /// <summary>The application of the specification's routes and of state that names none.</summary>
    public const string Default = "default";

    /// <summary>A new application id: <c>app_</c> and 26 lowercase letters and digits.</summary>
    public static string New() => "app_" + Guid.CreateVersion7().ToString("N")[..26];

    /// <summary>The application of stored state that may predate applications.</summary>
    public static string Of(string? applicationId) => string.IsNullOrEmpty(applicationId) ? Default : applicationId;
}
