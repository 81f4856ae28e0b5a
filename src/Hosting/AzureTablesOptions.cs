using System.ComponentModel.DataAnnotations;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// The Azure Storage account of the official Orleans Azure providers: grain state and reminders when
/// <c>Cluster:Storage</c> is <c>AzureTables</c>, membership when <c>Cluster:Clustering</c> is
/// <c>AzureTables</c>. Section <c>AzureTables</c>. Works against Azure Storage and against Azurite alike.
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

    /// <summary>Table of grain states: one entity per grain and state name (capped near 1 MiB by the service).</summary>
    [RegularExpression(TableNamePattern, ErrorMessage = TableNameRule)]
    public string StateTable { get; set; } = "WebhookState";

    /// <summary>Table of reminders.</summary>
    [RegularExpression(TableNamePattern, ErrorMessage = TableNameRule)]
    public string ReminderTable { get; set; } = "WebhookReminders";

    /// <summary>Table of cluster membership, when the clustering is in Azure Tables.</summary>
    [RegularExpression(TableNamePattern, ErrorMessage = TableNameRule)]
    public string MembershipTable { get; set; } = "WebhookMembership";

    /// <summary>
    /// Blob container of the grains whose state can grow past a table entity's cap (the directories
    /// and dead-letter indexes): one blob per grain and state name.
    /// </summary>
    [RegularExpression("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit")]
    public string BlobContainer { get; set; } = "webhook-state";

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

    /// <summary>A table client of the account, with the retry policy above.</summary>
    public TableServiceClient CreateTableClient()
    {
        var options = new TableClientOptions();
        ConfigureRetry(options.Retry);
        return new TableServiceClient(RequiredConnectionString, options);
    }

    /// <summary>A blob client of the account, with the retry policy above.</summary>
    public BlobServiceClient CreateBlobClient()
    {
        var options = new BlobClientOptions();
        ConfigureRetry(options.Retry);
        return new BlobServiceClient(RequiredConnectionString, options);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ConnectionString is { Length: > 0 } connectionString && ConnectionStringError(connectionString) is { } error)
        {
            yield return new ValidationResult(error, [nameof(ConnectionString)]);
        }

        string[] tables = [StateTable, ReminderTable, MembershipTable];
        if (tables.Distinct(StringComparer.OrdinalIgnoreCase).Count() != tables.Length)
        {
            yield return new ValidationResult("the state, reminder and membership tables must differ", [nameof(StateTable), nameof(ReminderTable), nameof(MembershipTable)]);
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

    private string RequiredConnectionString => ConnectionString
        ?? throw new InvalidOperationException($"{Section}:{nameof(ConnectionString)} is required.");

    private void ConfigureRetry(RetryOptions retry)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = MaxRetries;
        retry.Delay = RetryDelay;
        retry.MaxDelay = TimeSpan.FromSeconds(1);
        retry.NetworkTimeout = NetworkTimeout;
    }

    // Both clients parse the string the same way they will at run time, so a typo stops the process
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
