using System.Security.Cryptography;
using Akademia.Webhooks.Grains;
using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Grains.Persistence;
using Akademia.Webhooks.Tests.Infrastructure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.ReminderService;
using Orleans.Serialization;
using Orleans.Storage;

namespace Akademia.Webhooks.Tests.Storage;

[CollectionDefinition(nameof(AzureCollection))]
public sealed class AzureCollection : ICollectionFixture<AzuritePlatformFixture>;

// Serializable as production state is: the JSON storage serializer resolves only allowed types.
[GenerateSerializer, Alias("akademia.tests.SampleState")]
public sealed class SampleState
{
    [Id(0)] public string Text { get; set; } = "";

    [Id(1)] public int Number { get; set; }
}

public sealed class TestGrainState<T> : IGrainState<T>
    where T : new()
{
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public T State { get; set; } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}

/// <summary>
/// The official Orleans Azure Storage providers against a real Azurite, as the silo built them: table
/// storage (<see cref="StorageNames.Webhooks"/>), blob storage for the states that can grow large
/// (<see cref="StorageNames.Large"/>) and the reminder table.
/// </summary>
[Trait("Category", "Azure")]
[Collection(nameof(AzureCollection))]
public sealed class AzureGrainStorageTests(AzuritePlatformFixture platform)
{
    private const string StateName = "sample";

    private static readonly DateTime StartAt = new(2026, 5, 4, 3, 2, 1, 234, DateTimeKind.Utc);

    private IGrainStorage StorageNamed(string name) => platform.SiloServices.GetRequiredKeyedService<IGrainStorage>(name);

    private static GrainId NewGrain() => GrainId.Create("storage-test", Guid.NewGuid().ToString("N"));

    private static string RandomText(int length) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(length))[..length];

    [Fact]
    public void TheProvidersAreTheOfficialOnesAndReadTheStoredTypeNames()
    {
        Assert.IsType<AzureTableGrainStorage>(StorageNamed(StorageNames.Webhooks));
        Assert.IsType<AzureBlobGrainStorage>(StorageNamed(StorageNames.Large));
        Assert.IsType<AzureBasedReminderTable>(platform.SiloServices.GetRequiredService<IReminderTable>());

        // Both serialize with the JSON serializer the silo registers, whose binder reads the type
        // names stored before the renames, as Redis does.
        Assert.IsType<JsonGrainStorageSerializer>(platform.SiloServices.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(StorageNames.Webhooks).GrainStorageSerializer);
        Assert.IsType<JsonGrainStorageSerializer>(platform.SiloServices.GetRequiredService<IOptionsMonitor<AzureBlobStorageOptions>>().Get(StorageNames.Large).GrainStorageSerializer);
        Assert.IsType<StoredTypeNameBinder>(platform.SiloServices.GetRequiredService<IOptions<OrleansJsonSerializerOptions>>().Value.JsonSerializerSettings.SerializationBinder);
    }

    [Theory]
    [InlineData(StorageNames.Webhooks)]
    [InlineData(StorageNames.Large)]
    public async Task StateIsWrittenReadClearedAndReadAgain(string storageName)
    {
        var storage = StorageNamed(storageName);
        var grain = NewGrain();
        var state = new TestGrainState<SampleState>();
        await storage.ReadStateAsync(StateName, grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);

        state.State = new SampleState { Text = "one", Number = 1 };
        await storage.WriteStateAsync(StateName, grain, state);
        Assert.True(state.RecordExists);
        var firstETag = Assert.IsType<string>(state.ETag);

        var reread = new TestGrainState<SampleState>();
        await storage.ReadStateAsync(StateName, grain, reread);
        Assert.True(reread.RecordExists);
        Assert.Equal(("one", 1), (reread.State.Text, reread.State.Number));
        Assert.Equal(firstETag, reread.ETag);

        reread.State.Text = "two";
        await storage.WriteStateAsync(StateName, grain, reread);
        Assert.NotEqual(firstETag, reread.ETag);

        // Another state name of the same grain is another record.
        var other = new TestGrainState<SampleState>();
        await storage.ReadStateAsync("other", grain, other);
        Assert.False(other.RecordExists);

        await storage.ClearStateAsync(StateName, grain, reread);
        Assert.False(reread.RecordExists);

        var afterClear = new TestGrainState<SampleState>();
        await storage.ReadStateAsync(StateName, grain, afterClear);
        Assert.False(afterClear.RecordExists);
        Assert.Equal("", afterClear.State.Text);

        // After a clear the record can be written again.
        afterClear.State.Text = "three";
        await storage.WriteStateAsync(StateName, grain, afterClear);
        var final = new TestGrainState<SampleState>();
        await storage.ReadStateAsync(StateName, grain, final);
        Assert.Equal("three", final.State.Text);
    }

    [Theory]
    [InlineData(StorageNames.Webhooks)]
    [InlineData(StorageNames.Large)]
    public async Task AStaleWriteThrowsInconsistentStateException(string storageName)
    {
        var storage = StorageNamed(storageName);
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new TestGrainState<SampleState> { State = new() { Text = "v1" } });

        var a = new TestGrainState<SampleState>();
        var b = new TestGrainState<SampleState>();
        await storage.ReadStateAsync(StateName, grain, a);
        await storage.ReadStateAsync(StateName, grain, b);
        a.State.Text = "a";
        await storage.WriteStateAsync(StateName, grain, a);

        b.State.Text = "b";
        // The table storage throws its subclass (TableStorageUpdateConditionNotSatisfiedException);
        // the grains catch InconsistentStateException, so any subclass will do.
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, b));

        // The loser reloads and then writes on top of the winner.
        await storage.ReadStateAsync(StateName, grain, b);
        Assert.Equal("a", b.State.Text);
        b.State.Text = "b";
        await storage.WriteStateAsync(StateName, grain, b);
        var stored = new TestGrainState<SampleState>();
        await storage.ReadStateAsync(StateName, grain, stored);
        Assert.Equal("b", stored.State.Text);
    }

    [Theory]
    [InlineData(StorageNames.Webhooks)]
    [InlineData(StorageNames.Large)]
    public async Task CreatingARecordThatAlreadyExistsConflicts(string storageName)
    {
        var storage = StorageNamed(storageName);
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new TestGrainState<SampleState> { State = new() { Text = "first" } });

        var unaware = new TestGrainState<SampleState> { State = new() { Text = "second" } };
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, unaware));

        var stored = new TestGrainState<SampleState>();
        await storage.ReadStateAsync(StateName, grain, stored);
        Assert.Equal("first", stored.State.Text);
    }

    [Theory]
    [InlineData(StorageNames.Webhooks, false, 100)]
    [InlineData(StorageNames.Webhooks, true, 100)]
    [InlineData(StorageNames.Large, false, 100)]
    [InlineData(StorageNames.Large, true, 2 * 1024 * 1024)]
    public async Task OfConcurrentWritersExactlyOneWins(string storageName, bool recordExists, int size)
    {
        var storage = StorageNamed(storageName);
        var grain = NewGrain();
        if (recordExists)
        {
            await storage.WriteStateAsync(StateName, grain, new TestGrainState<SampleState> { State = new() { Text = "base" } });
        }

        var writers = Enumerable.Range(0, 4).Select(_ => new TestGrainState<SampleState>()).ToArray();
        foreach (var writer in writers)
        {
            await storage.ReadStateAsync(StateName, grain, writer);
        }

        for (var i = 0; i < writers.Length; i++)
        {
            writers[i].State = new SampleState { Text = RandomText(size), Number = i };
        }

        var outcomes = await Task.WhenAll(writers.Select(async writer =>
        {
            try
            {
                await storage.WriteStateAsync(StateName, grain, writer);
                return (Won: true, Error: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (Won: false, Error: ex);
            }
        }));

        var winner = Assert.Single(outcomes.Select((o, i) => (o, i)), x => x.o.Won).i;
        Assert.All(outcomes.Where(o => !o.Won), o => Assert.IsAssignableFrom<InconsistentStateException>(o.Error));
        var stored = new TestGrainState<SampleState>();
        await storage.ReadStateAsync(StateName, grain, stored);
        Assert.Equal(winner, stored.State.Number);
        Assert.Equal(writers[winner].State.Text, stored.State.Text);
        Assert.Equal(writers[winner].ETag, stored.ETag);
    }

    [Fact]
    public async Task AStateOverOneMegabyteRoundTripsInBlobStorageWhereTheTableRefusesIt()
    {
        var grain = NewGrain();
        var text = RandomText(3 * 1024 * 1024 / 2);
        var large = StorageNamed(StorageNames.Large);
        var state = new TestGrainState<SampleState> { State = new() { Text = text, Number = text.Length } };
        await large.WriteStateAsync(StateName, grain, state);

        var reread = new TestGrainState<SampleState>();
        await large.ReadStateAsync(StateName, grain, reread);
        Assert.True(reread.RecordExists);
        Assert.Equal(text, reread.State.Text);
        Assert.Equal(state.ETag, reread.ETag);
        var container = new BlobServiceClient(platform.Azurite.ConnectionString).GetBlobContainerClient("webhook-state");
        var blobs = new List<long>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix: null, cancellationToken: default))
        {
            if (blob.Name.Contains(grain.Key.ToString()!, StringComparison.Ordinal))
            {
                blobs.Add(blob.Properties.ContentLength ?? 0);
            }
        }

        Assert.True(Assert.Single(blobs) > 1024 * 1024);

        // Why the large states are not in the table: an entity is capped near 1 MiB.
        var table = StorageNamed(StorageNames.Webhooks);
        await Assert.ThrowsAnyAsync<Exception>(() => table.WriteStateAsync(StateName, grain, new TestGrainState<SampleState> { State = new() { Text = text } }));
    }

    [Fact]
    public async Task StorageThatStopsAnsweringOrRefusesConnectionsIsAnOutage()
    {
        var storage = StorageNamed(StorageNames.Webhooks);
        var grain = NewGrain();
        await storage.ReadStateAsync(StateName, grain, new TestGrainState<SampleState>());

        // A hang (the fixture's requests time out after 2 s, retried once) and a refused connection
        // are both outages, so callers get a 503 rather than a 500.
        await platform.Azurite.FreezeAsync();
        Exception hang;
        try
        {
            hang = await Assert.ThrowsAnyAsync<Exception>(() => storage.WriteStateAsync(StateName, grain, new TestGrainState<SampleState>()));
        }
        finally
        {
            await platform.Azurite.ThawAsync();
        }

        Assert.True(StorageUnavailableFilter.IsStorageOutage(new OrleansException("wrapped", hang)), hang.ToString());

        await platform.Azurite.StopAsync();
        Exception refused;
        try
        {
            refused = await Assert.ThrowsAnyAsync<Exception>(() => storage.WriteStateAsync(StateName, grain, new TestGrainState<SampleState>()));
        }
        finally
        {
            await platform.Azurite.StartAgainAsync();
        }

        Assert.True(StorageUnavailableFilter.IsStorageOutage(new OrleansException("wrapped", refused)), refused.ToString());

        // A conflict is not an outage: it is the caller's to resolve.
        Assert.False(StorageUnavailableFilter.IsStorageOutage(new InconsistentStateException("conflict")));

        // Back again. (The frozen write may have been applied after all once the emulator resumed:
        // an outage leaves a write's outcome unknown, so read before writing.)
        var back = new TestGrainState<SampleState>();
        await storage.ReadStateAsync(StateName, grain, back);
        back.State.Text = "back";
        await storage.WriteStateAsync(StateName, grain, back);
    }

    [Fact]
    public async Task RemindersAreUpsertedReadAndRemovedWithETags()
    {
        var table = platform.SiloServices.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("reminder-test", Guid.NewGuid().ToString("N"));
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "retry", StartAt = StartAt, Period = TimeSpan.FromSeconds(90) };

        var first = await table.UpsertRow(entry);
        Assert.False(string.IsNullOrEmpty(first));
        var read = await table.ReadRow(grain, "retry");
        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal(StartAt, read.StartAt.ToUniversalTime());
        Assert.Equal(TimeSpan.FromSeconds(90), read.Period);
        Assert.Equal(first, read.ETag);
        Assert.Null(await table.ReadRow(grain, "other"));
        Assert.Equal("retry", Assert.Single((await table.ReadRows(grain)).Reminders).ReminderName);

        entry.Period = TimeSpan.FromMinutes(5);
        var second = await table.UpsertRow(entry);
        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromMinutes(5), (await table.ReadRow(grain, "retry"))!.Period);

        Assert.False(await table.RemoveRow(grain, "retry", first!));
        Assert.NotNull(await table.ReadRow(grain, "retry"));
        Assert.True(await table.RemoveRow(grain, "retry", second!));
        Assert.Null(await table.ReadRow(grain, "retry"));
    }
}
