using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Akademia.Webhooks.Grains.Storage;

/// <summary>
/// Orleans' reminder table on Azure Table Storage.
/// </summary>
/// <remarks>
/// Each silo reads the reminders whose grain hash falls in its part of the ring, every refresh
/// period. So that this never scans the whole table, the partition is a bucket of the hash (its
/// top 8 bits: 256 partitions per service, <c>{service}|{bucket:X2}</c>) and the row key starts
/// with the whole hash (<c>{hash:X8}|{grain id}|{reminder name}</c>): a range of the ring is a
/// range of partitions, and within its first and last partitions a range of row keys. A grain's
/// reminders are one partition's row-key prefix.
/// </remarks>
internal sealed partial class AzureTableReminderTable : IReminderTable
{
    private const int BucketShift = 24;

    private const string GrainIdProperty = "GrainId";
    private const string NameProperty = "ReminderName";
    private const string StartAtProperty = "StartAt";
    private const string PeriodProperty = "Period";
    private const string HashProperty = "GrainHash";

    private readonly string _service;
    private readonly TableClient _table;
    private readonly ILogger<AzureTableReminderTable> _logger;
    private Task? _ready;

    public AzureTableReminderTable(AzureStorageClients clients, IOptions<ClusterOptions> cluster, ILogger<AzureTableReminderTable> logger)
    {
        _service = TableKeys.Part(cluster.Value.ServiceId);
        _table = clients.Tables.GetTableClient(clients.Options.ReminderTable);
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await AzureStorageErrors.Call(EnsureReadyAsync).WaitAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (AzureStorageErrors.IsOutage(ex))
        {
            // The silo starts while storage is away, as with Redis: reminders load once it is back
            // (the reminder service re-reads its range every refresh period).
            LogStorageUnavailableAtStart(_table.Name, ex);
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var hash = grainId.GetUniformHashCode();
        var prefix = RowKeyPrefix(hash, grainId);
        return QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {PartitionKey(hash)} and RowKey ge {prefix + TableKeys.Separator} and RowKey lt {prefix + TableKeys.AfterSeparator}"));
    }

    /// <summary>
    /// Reminders whose grain hash is in (begin, end]; begin > end wraps around the ring, and
    /// begin == end is the whole ring, as Orleans' <c>RangeFactory</c> has it.
    /// </summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        if (begin == end)
        {
            return await QueryAsync(TableClient.CreateQueryFilter(
                $"PartitionKey ge {PartitionKeyOfBucket(0)} and PartitionKey le {PartitionKeyOfBucket(uint.MaxValue >> BucketShift)}"));
        }

        if (begin < end)
        {
            return await QueryAsync(HashRangeFilter(begin + 1, end));
        }

        var low = await QueryAsync(HashRangeFilter(0, end));
        if (begin == uint.MaxValue)
        {
            return low;
        }

        var high = await QueryAsync(HashRangeFilter(begin + 1, uint.MaxValue));
        return new ReminderTableData(low.Reminders.Concat(high.Reminders));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => AzureStorageErrors.Call(async () =>
    {
        await EnsureReadyAsync();
        var (partitionKey, rowKey) = KeysOf(grainId, reminderName);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey);
        return response.HasValue ? ToEntry(response.Value!) : null;
    });

    public Task<string?> UpsertRow(ReminderEntry entry) => AzureStorageErrors.Call<string?>(async () =>
    {
        await EnsureReadyAsync();
        var (partitionKey, rowKey) = KeysOf(entry.GrainId, entry.ReminderName);
        var entity = new TableEntity(partitionKey, rowKey)
        {
            [GrainIdProperty] = entry.GrainId.ToString(),
            [NameProperty] = entry.ReminderName,
            // Round-trip text rather than Edm.DateTime: exact to the tick, and readable in a table viewer.
            [StartAtProperty] = entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            [PeriodProperty] = entry.Period.ToString("c", CultureInfo.InvariantCulture),
            [HashProperty] = (long)entry.GrainId.GetUniformHashCode(),
        };
        var response = await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
        return response.Headers.ETag?.ToString();
    });

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => AzureStorageErrors.Call(async () =>
    {
        await EnsureReadyAsync();
        var (partitionKey, rowKey) = KeysOf(grainId, reminderName);
        try
        {
            // The SDK answers a missing row with a 404 response, not an exception.
            var response = await _table.DeleteEntityAsync(partitionKey, rowKey, new ETag(eTag));
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    });

    public async Task TestOnlyClearTable()
    {
        foreach (var entry in (await ReadRows(0, 0)).Reminders)
        {
            await RemoveRow(entry.GrainId, entry.ReminderName, entry.ETag!);
        }
    }

    internal (string PartitionKey, string RowKey) KeysOf(GrainId grainId, string reminderName)
    {
        var hash = grainId.GetUniformHashCode();
        return (PartitionKey(hash), TableKeys.Join(RowKeyPrefix(hash, grainId), TableKeys.Part(reminderName)));
    }

    private string PartitionKey(uint hash) => PartitionKeyOfBucket(hash >> BucketShift);

    private string PartitionKeyOfBucket(uint bucket) => TableKeys.Join(_service, bucket.ToString("X2", CultureInfo.InvariantCulture));

    private static string RowKeyPrefix(uint hash, GrainId grainId) => TableKeys.Join(Hex(hash), TableKeys.Part(grainId.ToString()));

    private static string Hex(uint hash) => hash.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>
    /// Hashes in [first, last]: the partitions of their buckets, and within them the row keys
    /// from <c>{first:X8}|</c> up to, not including, <c>{last:X8}}</c>.
    /// </summary>
    private string HashRangeFilter(uint first, uint last) => TableClient.CreateQueryFilter(
        $"PartitionKey ge {PartitionKey(first)} and PartitionKey le {PartitionKey(last)} and RowKey ge {Hex(first) + TableKeys.Separator} and RowKey lt {Hex(last) + TableKeys.AfterSeparator}");

    private Task<ReminderTableData> QueryAsync(string filter) => AzureStorageErrors.Call(async () =>
    {
        await EnsureReadyAsync();
        var entries = new List<ReminderEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter))
        {
            if (TryToEntry(entity) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return new ReminderTableData(entries);
    });

    private ReminderEntry? TryToEntry(TableEntity entity)
    {
        try
        {
            return ToEntry(entity);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // One corrupt row must not stop every other reminder in the range from loading.
            LogCorruptRow(entity.PartitionKey, entity.RowKey, ex);
            return null;
        }
    }

    private static ReminderEntry ToEntry(TableEntity entity) => new()
    {
        GrainId = GrainId.Parse(Required(entity, GrainIdProperty), CultureInfo.InvariantCulture),
        ReminderName = Required(entity, NameProperty),
        StartAt = DateTime.Parse(Required(entity, StartAtProperty), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Period = TimeSpan.ParseExact(Required(entity, PeriodProperty), "c", CultureInfo.InvariantCulture),
        ETag = entity.ETag.ToString(),
    };

    private static string Required(TableEntity entity, string property) =>
        entity.GetString(property) ?? throw new FormatException($"Reminder row lacks {property}.");

    private Task EnsureReadyAsync()
    {
        var ready = Volatile.Read(ref _ready);
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            ready = _table.CreateIfNotExistsAsync();
            Volatile.Write(ref _ready, ready);
        }

        return ready;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure Storage is unavailable at start-up; reminder table {Table} will be created on first use")]
    private partial void LogStorageUnavailableAtStart(string table, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipping corrupt reminder row {PartitionKey}/{RowKey}")]
    private partial void LogCorruptRow(string partitionKey, string rowKey, Exception exception);
}
