namespace Akademia.Webhooks.Hosting;

/// <summary>One API key: its name (for logs and audit), the key or its SHA-256, and its roles.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    /// <summary>The key itself. Prefer <see cref="KeyHash"/> outside development.</summary>
    public string? Key { get; set; }

    /// <summary>Lowercase or uppercase hex SHA-256 of the key.</summary>
    public string? KeyHash { get; set; }

    public string[] Roles { get; set; } = [];
}
