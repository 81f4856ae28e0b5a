using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Storage;

/// <summary>
/// The table and blob clients of the configured account, shared by grain storage and reminders,
/// with one retry policy: a few quick retries, so an outage surfaces as a 503 in seconds.
/// </summary>
internal sealed class AzureStorageClients
{
    public AzureStorageClients(IOptions<AzureTablesOptions> options)
    {
        var settings = options.Value;
        var connectionString = settings.ConnectionString
            ?? throw new InvalidOperationException($"{AzureTablesOptions.Section}:{nameof(AzureTablesOptions.ConnectionString)} is required.");

        var tableOptions = new TableClientOptions();
        Configure(tableOptions.Retry, settings);
        Tables = new TableServiceClient(connectionString, tableOptions);

        var blobOptions = new BlobClientOptions();
        Configure(blobOptions.Retry, settings);
        Blobs = new BlobServiceClient(connectionString, blobOptions);

        Options = settings;
    }

    public AzureTablesOptions Options { get; }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    private static void Configure(RetryOptions retry, AzureTablesOptions settings)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = settings.MaxRetries;
        retry.Delay = settings.RetryDelay;
        retry.MaxDelay = TimeSpan.FromSeconds(1);
        retry.NetworkTimeout = settings.NetworkTimeout;
    }
}
