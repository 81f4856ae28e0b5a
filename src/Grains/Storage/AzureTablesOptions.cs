using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Akademia.Webhooks.Grains.Storage;

/// <summary>
/// Where grain state and reminders live when <c>Cluster:Storage</c> is <c>AzureTables</c>. Section
/// <c>AzureTables</c>. Works against Azure Storage and against Azurite alike.
/// </summary>
public sealed class AzureTablesOptions : IValidatableObject
{
    public const string Section = "AzureTables";

    /// <summary>
    /// A storage account connection string with table and blob endpoints: a real account's, or
    /// <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.
    /// </summary>
    [Required]
    public string? ConnectionString { get; set; }

    /// <summary>Table of grain states: one entity per grain and state name.</summary>
    [RegularExpression(TableNamePattern, ErrorMessage = TableNameRule)]
    public string StateTable { get; set; } = "WebhookState";

    /// <summary>Table of reminders.</summary>
    [RegularExpression(TableNamePattern, ErrorMessage = TableNameRule)]
    public string ReminderTable { get; set; } = "WebhookReminders";

    /// <summary>Blob container for states too large for one table entity (over 704 KiB serialized).</summary>
    [RegularExpression("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit")]
    public string BlobContainer { get; set; } = "webhook-state";

    /// <summary>
    /// Whether clearing a grain's state deletes its entity (true) or leaves an empty tombstone that
    /// keeps the ETag chain, so a stale activation still conflicts after the clear (false).
    /// </summary>
    public bool DeleteStateOnClear { get; set; } = true;

    /// <summary>
    /// Retries of one storage request. Kept low with short delays so that while storage is away a
    /// caller gets a 503 within seconds rather than after the SDK's minute of back-off.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones back off exponentially up to one second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one request may take before it counts as failed (and is retried).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    private const string TableNamePattern = "^[A-Za-z][A-Za-z0-9]{2,62}$";
    private const string TableNameRule = "must be 3-63 letters and digits, starting with a letter";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ConnectionString is { Length: > 0 } connectionString && ConnectionStringError(connectionString) is { } error)
        {
            yield return new ValidationResult(error, [nameof(ConnectionString)]);
        }

        if (string.Equals(StateTable, ReminderTable, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("the state and reminder tables must differ", [nameof(StateTable), nameof(ReminderTable)]);
        }

        if (RetryDelay <= TimeSpan.Zero || RetryDelay > TimeSpan.FromSeconds(30))
        {
            yield return new ValidationResult("must be between 0 and 30 seconds", [nameof(RetryDelay)]);
        }

        if (NetworkTimeout <= TimeSpan.Zero || NetworkTimeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("must be between 0 and 5 minutes", [nameof(NetworkTimeout)]);
        }
    }

    // Both clients parse the string the same way they will at run time, so a typo stops the silo
    // at start-up instead of failing every storage call later.
    private static string? ConnectionStringError(string connectionString)
    {
        try
        {
            _ = new TableServiceClient(connectionString);
            _ = new BlobServiceClient(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return "is not a storage connection string with table and blob endpoints (for Azurite: UseDevelopmentStorage=true)";
        }
    }
}
