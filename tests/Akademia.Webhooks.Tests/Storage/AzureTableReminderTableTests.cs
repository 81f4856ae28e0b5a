using Akademia.Webhooks.Grains.Storage;
using Akademia.Webhooks.Tests.Infrastructure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Tests.Storage;

/// <summary>The reminder table against a real Azurite, as the silo built it.</summary>
[Trait("Category", "Azure")]
[Collection(nameof(AzureCollection))]
public sealed class AzureTableReminderTableTests(AzuritePlatformFixture platform)
{
    private IReminderTable Table => platform.SiloServices.GetRequiredService<IReminderTable>();

    private static readonly DateTime StartAt = new(2026, 5, 4, 3, 2, 1, 234, DateTimeKind.Utc);

    [Fact]
    public void TheReminderTableIsTheAzureTable() => Assert.IsType<AzureTableReminderTable>(Table);

    [Fact]
    public async Task UpsertReadAndRemoveWithETags()
    {
        var grain = GrainId.Create(NewType(), "g");
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "retry", StartAt = StartAt.AddTicks(7), Period = TimeSpan.FromSeconds(90) };

        var first = await Table.UpsertRow(entry);
        Assert.False(string.IsNullOrEmpty(first));
        var read = await Table.ReadRow(grain, "retry");
        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("retry", read.ReminderName);
        Assert.Equal(StartAt.AddTicks(7), read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), read.Period);
        Assert.Equal(first, read.ETag);
        Assert.Null(await Table.ReadRow(grain, "other"));

        entry.Period = TimeSpan.FromMinutes(5);
        var second = await Table.UpsertRow(entry);
        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromMinutes(5), (await Table.ReadRow(grain, "retry"))!.Period);

        Assert.False(await Table.RemoveRow(grain, "retry", first!));
        Assert.NotNull(await Table.ReadRow(grain, "retry"));
        Assert.True(await Table.RemoveRow(grain, "retry", second!));
        Assert.Null(await Table.ReadRow(grain, "retry"));
        Assert.False(await Table.RemoveRow(grain, "retry", second!));
    }

    [Fact]
    public async Task RowsAreReadByGrain()
    {
        var type = NewType();
        var a = GrainId.Create(type, "a");
        // Ids that would run together if keys were only concatenated.
        var b = GrainId.Create(type, "a|x");
        var c = GrainId.Create(type, "a/x");
        await Upsert(a, "one");
        await Upsert(a, "two");
        await Upsert(b, "three");
        await Upsert(c, "x|three");

        Assert.Equal(["one", "two"], (await Table.ReadRows(a)).Reminders.Select(r => r.ReminderName).Order());
        Assert.Equal(["three"], (await Table.ReadRows(b)).Reminders.Select(r => r.ReminderName));
        Assert.Equal(["x|three"], (await Table.ReadRows(c)).Reminders.Select(r => r.ReminderName));
        Assert.Empty((await Table.ReadRows(GrainId.Create(type, "none"))).Reminders);
        Assert.All((await Table.ReadRows(a)).Reminders, r => Assert.False(string.IsNullOrEmpty(r.ETag)));
    }

    [Fact]
    public async Task RowsAreReadByHashRangeIncludingWrapAroundAndTheFullRing()
    {
        var type = NewType();
        var grains = Enumerable.Range(0, 60).Select(i => GrainId.Create(type, $"g{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => Upsert(g, "tick")));
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();

        async Task<uint[]> Read(uint begin, uint end) =>
            [.. (await Table.ReadRows(begin, end)).Reminders
                .Where(r => r.GrainId.Type.ToString() == type)
                .Select(r => r.GrainId.GetUniformHashCode())
                .Order()];

        uint[] Expected(uint begin, uint end) => [.. hashes.Where(h => begin < end ? h > begin && h <= end : h > begin || h <= end)];

        // (begin, end]: the lower bound excluded, the upper included.
        Assert.Equal(hashes[6..26], await Read(hashes[5], hashes[25]));
        Assert.Equal(Expected(hashes[5] + 1, hashes[25] - 1), await Read(hashes[5] + 1, hashes[25] - 1));
        // Wrap-around: begin > end is (begin, max] and [0, end].
        uint[] wrapped = [.. hashes[..11], .. hashes[41..]];
        Assert.Equal(wrapped, await Read(hashes[40], hashes[10]));
        Assert.Equal(Expected(uint.MaxValue, hashes[3]), await Read(uint.MaxValue, hashes[3]));
        Assert.Equal(hashes[..4], await Read(uint.MaxValue, hashes[3]));
        Assert.Equal(hashes[4..], await Read(hashes[3], uint.MaxValue));
        Assert.Equal(hashes[..31], await Read(0, hashes[30]));
        // begin == end is the whole ring, wherever it is.
        Assert.Equal(hashes, await Read(hashes[17], hashes[17]));
        Assert.Equal(hashes, await Read(0, 0));
        // Many small ranges cover the ring exactly once.
        var cuts = new uint[] { 0, 0x10000000, 0x7FFFFFFF, 0x80000000, 0xC0000000, 0xFFFFFFF0 };
        var covered = new List<uint>();
        for (var i = 0; i < cuts.Length; i++)
        {
            covered.AddRange(await Read(cuts[i], cuts[(i + 1) % cuts.Length]));
        }

        Assert.Equal(hashes, covered.Order());
    }

    [Fact]
    public async Task ARowLivesInThePartitionOfItsHashBucket()
    {
        var grain = GrainId.Create(NewType(), "bucket");
        await Upsert(grain, "tick");
        var table = new TableServiceClient(platform.Azurite.ConnectionString).GetTableClient("WebhookReminders");
        var bucket = (grain.GetUniformHashCode() >> 24).ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
        var partition = $"{TableKeys.Part(platform.Cluster.Options.ServiceId)}|{bucket}";

        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(row);
        }

        var row0 = Assert.Single(rows, r => r.GetString("GrainId") == grain.ToString());
        Assert.StartsWith(grain.GetUniformHashCode().ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + "|", row0.RowKey, StringComparison.Ordinal);
    }

    private Task<string?> Upsert(GrainId grain, string name) =>
        Table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = name, StartAt = StartAt, Period = TimeSpan.FromMinutes(1) });

    // A grain type of each test's own, so the shared table's other rows never count.
    private static string NewType() => $"rt{Guid.NewGuid():N}";
}
