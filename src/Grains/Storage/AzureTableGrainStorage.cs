using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;

namespace Akademia.Webhooks.Grains.Storage;

/// <summary>
/// Grain storage on Azure Table Storage, with blobs for states too large for an entity.
/// </summary>
/// <remarks>
/// One entity per grain and state: PartitionKey is the service id and the grain id (its
/// <c>[GrainType]</c> name and key, so renaming a class moves nothing), RowKey the state name.
/// The serialized state (Orleans' configured <see cref="IGrainStorageSerializer"/>) is split over
/// binary properties <c>Data</c>, <c>Data1</c> … <c>Data10</c> of at most 64 KiB each (the
/// service's property limit), 704 KiB in all, which keeps the entity under its 1 MiB limit. A
/// larger state is one blob under a fresh name, written before the entity that points at it, so a
/// losing writer never overwrites the winner's data. Writes are conditional on the entity's ETag:
/// a stale write, or the creation of a record that already exists, throws
/// <see cref="InconsistentStateException"/>.
/// </remarks>
internal sealed partial class AzureTableGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    internal const int ChunkBytes = 64 * 1024;

    // The service counts binary properties at their size, so 15 chunks (960 KiB, Orleans' own
    // choice) would fit; Azurite counts the request's JSON, where binary is base64 (4/3 larger),
    // and refuses entities over 1 MiB of that. 11 chunks fit both.
    internal const int MaxInlineChunks = 11;
    internal const int MaxInlineBytes = ChunkBytes * MaxInlineChunks;

    private const string DataProperty = "Data";
    private const string SizeProperty = "Size";
    private const string BlobProperty = "Blob";
    private const string GrainIdProperty = "GrainId";

    // When the stored version keeps its data in a blob, the ETag handed to Orleans also names that
    // blob. An ETag match on the next write or clear proves the stored version is exactly that one,
    // so its blob can be deleted once it is replaced, without reading the entity first.
    private const string BlobETagPrefix = "blob:";
    private const char BlobETagEnd = ';';

    // A blob named by an entity can be replaced (and deleted) between reading the entity and
    // reading the blob: read the entity again, a few times, before calling it lost.
    private const int MaxReadAttempts = 5;

    private readonly string _name;
    private readonly string _service;
    private readonly bool _deleteOnClear;
    private readonly TableClient _table;
    private readonly BlobContainerClient _container;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly ILogger<AzureTableGrainStorage> _logger;
    private Task? _ready;

    public AzureTableGrainStorage(
        string name,
        IGrainStorageSerializer serializer,
        AzureStorageClients clients,
        IOptions<ClusterOptions> cluster,
        IActivatorProvider activators,
        ILogger<AzureTableGrainStorage> logger)
    {
        _name = name;
        _serializer = serializer;
        _activators = activators;
        _logger = logger;
        _service = TableKeys.Part(cluster.Value.ServiceId);
        _deleteOnClear = clients.Options.DeleteStateOnClear;
        _table = clients.Tables.GetTableClient(clients.Options.StateTable);
        _container = clients.Blobs.GetBlobContainerClient(clients.Options.BlobContainer);
    }

    /// <summary>
    /// The factory <c>AddGrainStorage</c> calls, resolving the serializer as Orleans' own providers
    /// do: one registered under the provider's name, else the silo's default.
    /// </summary>
    public static AzureTableGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<AzureTableGrainStorage>(
            services,
            name,
            services.GetKeyedService<IGrainStorageSerializer>(name) ?? services.GetRequiredService<IGrainStorageSerializer>());

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(AzureTableGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, InitAsync);

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await AzureStorageErrors.Call(EnsureReadyAsync);
        }
        catch (RequestFailedException ex) when (AzureStorageErrors.IsOutage(ex))
        {
            // Like the Redis setup, the silo starts while storage is away: calls answer 503 until
            // it is back, and the table and container are created on first use.
            LogStorageUnavailableAtStart(_table.Name, ex);
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        AzureStorageErrors.Call(() => ReadAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        AzureStorageErrors.Call(() => WriteAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        AzureStorageErrors.Call(() => ClearAsync(stateName, grainId, grainState));

    /// <summary>The entity's keys: stable for a grain id and state name, whatever the grain class is called.</summary>
    internal (string PartitionKey, string RowKey) KeysOf(string stateName, GrainId grainId) =>
        (TableKeys.Join(_service, TableKeys.Part(grainId.ToString())), TableKeys.Part(stateName));

    private async Task ReadAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureReadyAsync();
        var (partitionKey, rowKey) = KeysOf(stateName, grainId);
        for (var attempt = 1; ; attempt++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey);
            if (!response.HasValue)
            {
                grainState.State = CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }

            var entity = response.Value!;
            var blobName = entity.GetString(BlobProperty);
            BinaryData? data;
            if (blobName is not null)
            {
                try
                {
                    data = (await _container.GetBlobClient(blobName).DownloadContentAsync()).Value.Content;
                }
                catch (RequestFailedException ex) when (ex.Status == 404 && attempt < MaxReadAttempts)
                {
                    continue;
                }
            }
            else
            {
                data = ReadChunks(entity);
            }

            grainState.ETag = ToGrainETag(entity.ETag, blobName);
            if (data is null)
            {
                // A tombstone left by a clear: no record, but the ETag chain goes on.
                grainState.State = CreateInstance<T>();
                grainState.RecordExists = false;
            }
            else
            {
                grainState.State = _serializer.Deserialize<T>(data) ?? CreateInstance<T>();
                grainState.RecordExists = true;
            }

            return;
        }
    }

    private async Task WriteAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureReadyAsync();
        var (partitionKey, rowKey) = KeysOf(stateName, grainId);
        var (tableETag, previousBlob) = FromGrainETag(grainState.ETag);
        var data = _serializer.Serialize(grainState.State).ToMemory();

        var entity = new TableEntity(partitionKey, rowKey)
        {
            [GrainIdProperty] = grainId.ToString(),
            [SizeProperty] = (long)data.Length,
        };
        string? blobName = null;
        if (data.Length <= MaxInlineBytes)
        {
            for (var chunk = 0; chunk * ChunkBytes < data.Length; chunk++)
            {
                var start = chunk * ChunkBytes;
                entity[ChunkProperty(chunk)] = data.Slice(start, Math.Min(ChunkBytes, data.Length - start)).ToArray();
            }
        }
        else
        {
            blobName = NewBlobName(partitionKey, rowKey);
            await _container.GetBlobClient(blobName).UploadAsync(new BinaryData(data), overwrite: false);
            entity[BlobProperty] = blobName;
            LogStateInBlob(stateName, grainId, data.Length, blobName);
        }

        ETag written;
        try
        {
            written = await PutEntityAsync(entity, tableETag);
        }
        catch (RequestFailedException ex) when (IsVersionConflict(ex))
        {
            // This write lost: its blob is nobody's. (After an outage the outcome is unknown and
            // the entity may name the blob, so only a definite conflict deletes it.)
            if (blobName is not null)
            {
                await DeleteBlobQuietlyAsync(blobName);
            }

            throw Conflict("writing", stateName, grainId, grainState.ETag, ex);
        }

        grainState.ETag = ToGrainETag(written, blobName);
        grainState.RecordExists = true;
        if (previousBlob is not null)
        {
            await DeleteBlobQuietlyAsync(previousBlob);
        }
    }

    private async Task ClearAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureReadyAsync();
        var (partitionKey, rowKey) = KeysOf(stateName, grainId);
        var (tableETag, previousBlob) = FromGrainETag(grainState.ETag);
        try
        {
            if (!_deleteOnClear)
            {
                var tombstone = new TableEntity(partitionKey, rowKey) { [GrainIdProperty] = grainId.ToString() };
                grainState.ETag = ToGrainETag(await PutEntityAsync(tombstone, tableETag), null);
            }
            else if (tableETag is null)
            {
                // Nothing read, so nothing to delete, unless a record exists this activation has
                // not seen: then it is as stale as a write would be.
                var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select: [SizeProperty]);
                if (existing.HasValue)
                {
                    throw Conflict("clearing", stateName, grainId, grainState.ETag, null);
                }
            }
            else
            {
                // The SDK reports a missing entity as a 404 answer rather than an exception.
                var response = await _table.DeleteEntityAsync(partitionKey, rowKey, new ETag(tableETag));
                if (response.Status == 404)
                {
                    throw Conflict("clearing", stateName, grainId, grainState.ETag, null);
                }

                grainState.ETag = null;
            }
        }
        catch (RequestFailedException ex) when (IsVersionConflict(ex))
        {
            throw Conflict("clearing", stateName, grainId, grainState.ETag, ex);
        }

        grainState.State = CreateInstance<T>();
        grainState.RecordExists = false;
        if (previousBlob is not null)
        {
            await DeleteBlobQuietlyAsync(previousBlob);
        }
    }

    /// <summary>Creates the entity (no ETag: it must not exist) or replaces the version the ETag names.</summary>
    private async Task<ETag> PutEntityAsync(TableEntity entity, string? tableETag)
    {
        var response = tableETag is null
            ? await _table.AddEntityAsync(entity)
            : await _table.UpdateEntityAsync(entity, new ETag(tableETag), TableUpdateMode.Replace);
        return response.Headers.ETag ?? throw new InvalidOperationException("The table service answered a write without an ETag.");
    }

    // 409: created while the record exists. 412: the stored version is not ours. 404: it was
    // deleted under us. A missing table is a 404 too, but not a conflict: recreate it.
    private bool IsVersionConflict(RequestFailedException ex)
    {
        if (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
        {
            Volatile.Write(ref _ready, null);
            return false;
        }

        return ex.Status is 409 or 412 or 404;
    }

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? eTag, Exception? inner)
    {
        LogVersionConflict(operation, stateName, grainId, eTag);
        var message = $"Version conflict {operation} state '{stateName}' of {grainId} in table {_table.Name}: the stored version is not the one this activation holds.";
        return inner is null
            ? new InconsistentStateException(message, "unknown", eTag ?? "none")
            : new InconsistentStateException(message, "unknown", eTag ?? "none", inner);
    }

    private static BinaryData? ReadChunks(TableEntity entity)
    {
        if (entity.GetInt64(SizeProperty) is not { } size)
        {
            return null;
        }

        var data = new byte[size];
        var offset = 0;
        for (var chunk = 0; offset < data.Length; chunk++)
        {
            var bytes = entity.GetBinary(ChunkProperty(chunk))
                ?? throw new InvalidOperationException($"Stored state {entity.PartitionKey}/{entity.RowKey} lacks property {ChunkProperty(chunk)}.");
            bytes.CopyTo(data, offset);
            offset += bytes.Length;
        }

        return offset == data.Length
            ? new BinaryData(data)
            : throw new InvalidOperationException($"Stored state {entity.PartitionKey}/{entity.RowKey} has {offset} of its {size} bytes.");
    }

    private static string ChunkProperty(int chunk) => chunk == 0 ? DataProperty : DataProperty + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // One folder per state (a hash of its keys, as keys may hold characters blob names should not),
    // and a fresh name per write.
    private static string NewBlobName(string partitionKey, string rowKey)
    {
        var folder = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{partitionKey}\n{rowKey}")));
        return $"{folder}/{Guid.NewGuid():N}";
    }

    private static string ToGrainETag(ETag eTag, string? blobName) =>
        blobName is null ? eTag.ToString() : $"{BlobETagPrefix}{blobName}{BlobETagEnd}{eTag}";

    private static (string? TableETag, string? BlobName) FromGrainETag(string? eTag)
    {
        if (eTag is null || !eTag.StartsWith(BlobETagPrefix, StringComparison.Ordinal))
        {
            return (eTag, null);
        }

        var end = eTag.IndexOf(BlobETagEnd, StringComparison.Ordinal);
        return (eTag[(end + 1)..], eTag[BlobETagPrefix.Length..end]);
    }

    private async Task DeleteBlobQuietlyAsync(string blobName)
    {
        try
        {
            await _container.DeleteBlobIfExistsAsync(blobName);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or OperationCanceledException)
        {
            // The state itself is settled; an unreferenced blob only costs space.
            LogBlobLeft(blobName, ex);
        }
    }

    private Task EnsureReadyAsync()
    {
        var ready = Volatile.Read(ref _ready);
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            ready = CreateStoresAsync();
            Volatile.Write(ref _ready, ready);
        }

        return ready;
    }

    private async Task CreateStoresAsync()
    {
        await _table.CreateIfNotExistsAsync();
        await _container.CreateIfNotExistsAsync();
    }

    private T CreateInstance<T>() => _activators.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure Storage is unavailable at start-up; table {Table} will be created on first use")]
    private partial void LogStorageUnavailableAtStart(string table, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Version conflict {Operation} state {StateName} of {GrainId} (ETag {ETag})")]
    private partial void LogVersionConflict(string operation, string stateName, GrainId grainId, string? eTag);

    [LoggerMessage(Level = LogLevel.Debug, Message = "State {StateName} of {GrainId} is {Bytes} bytes: stored in blob {Blob}")]
    private partial void LogStateInBlob(string stateName, GrainId grainId, int bytes, string blob);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the replaced state blob {Blob}; it is left unreferenced")]
    private partial void LogBlobLeft(string blob, Exception exception);
}
