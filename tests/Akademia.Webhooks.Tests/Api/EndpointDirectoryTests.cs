using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Grains;
using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>A platform whose tests can make the endpoint directory's page writes fail.</summary>
public sealed class EndpointDirectoryFixture() : PlatformFixture(o => o.StorageFaults = new StorageFaults());

/// <summary>
/// The endpoint directory in bounded pages: paged listings in creation order across pages, fan-out
/// to every page, a failed directory write repaired, and a directory stored whole folded into pages.
/// </summary>
public sealed class EndpointDirectoryTests(EndpointDirectoryFixture platform) : IClassFixture<EndpointDirectoryFixture>, IAsyncLifetime
{
    private StorageFaults Faults => platform.Options.StorageFaults!;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Faults.BeforeWrite = null;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AListPagesThroughEveryEndpointOfTheApplicationOldestFirstAcrossStoredPagesAndSkipsDeletedOnes()
    {
        var app = await NewApplicationAsync();
        var type = await platform.NewEventTypeAsync();
        var created = new List<string>();
        for (var i = 0; i < EndpointPageGrain.Capacity + 30; i++)
        {
            created.Add(await CreateAsync(app, $"http://127.0.0.1/dir/{i}", type));
        }

        var deleted = new[] { created[0], created[99], created[100] };
        foreach (var id in deleted)
        {
            await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/apps/{app}/webhooks/{id}"), HttpStatusCode.OK);
        }

        var listed = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var (data, next) = await ApiAssert.PageAsync(await platform.Http.GetAsync($"/api/apps/{app}/webhooks?limit=40" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))));
            Assert.True(data.Count <= 40);
            listed.AddRange(data.Select(e => e!["id"]!.GetValue<string>()));
            cursor = next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(created.Except(deleted), listed);
        Assert.Equal(4, pages);

        // Without a limit a list answers up to 100, the largest page, and says where to go on.
        var (first, more) = await ApiAssert.PageAsync(await platform.Http.GetAsync($"/api/apps/{app}/webhooks"));
        Assert.Equal(100, first.Count);
        Assert.NotNull(more);

        // A publish fans out to the subscribers on every page, not to the deleted ones.
        var published = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync($"/api/apps/{app}/events", new { id = "dir-fanout", type, data = new { } }), HttpStatusCode.Accepted);
        Assert.Equal(created.Count - deleted.Length, published["deliveries"]!.GetValue<int>());
        Assert.Equal(created.Except(deleted), await platform.Grains.GetGrain<IEndpointDirectoryInternalGrain>(app).GetSubscribersAsync(type));

        // The health listing pages the same way, worst first within a page.
        var (health, healthNext) = await ApiAssert.PageAsync(await platform.Http.GetAsync($"/api/admin/endpoints/health?applicationId={app}&limit=5"));
        Assert.Equal(created.Skip(1).Take(5).Order(StringComparer.Ordinal), health.Select(h => h!["endpointId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.NotNull(healthNext);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=0.100", "cursor")]
    public async Task AListWithABadLimitOrCursorAnswers400NamingIt(string query, string field)
    {
        await ApiAssert.ValidationErrorAsync(await platform.Http.GetAsync("/api/webhooks?" + query), field);
        await ApiAssert.ValidationErrorAsync(await platform.Http.GetAsync("/api/admin/endpoints/health?" + query), field);
    }

    [Fact]
    public async Task AnEndpointWhoseDirectoryWriteFailsIsCreatedAndIsListedAndSubscribedOnceItsRepairHolds()
    {
        var app = await NewApplicationAsync();
        var type = await platform.NewEventTypeAsync();
        var faults = FailPageWritesOf(app);

        // The endpoint is stored and its secret answered, although its directory did not take it.
        var id = await CreateAsync(app, "http://127.0.0.1/dir/repair", type);
        Assert.Empty(await ApiAssert.ListAsync(await platform.Http.GetAsync($"/api/apps/{app}/webhooks")));
        Assert.Empty(await platform.Grains.GetGrain<IEndpointDirectoryInternalGrain>(app).GetSubscribersAsync(type));

        faults.Failing = false;
        await faults.Repaired.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(
            async () => (await ApiAssert.ListAsync(await platform.Http.GetAsync($"/api/apps/{app}/webhooks"))).Count == 1,
            TimeSpan.FromSeconds(10), () => "the repaired endpoint is not listed");
        Assert.Equal([id], await platform.Grains.GetGrain<IEndpointDirectoryInternalGrain>(app).GetSubscribersAsync(type));
    }

    [Fact]
    public async Task AnUpdateWhoseDirectoryWriteFailsReachesTheSubscriptionsOnceItsRepairHolds()
    {
        var app = await NewApplicationAsync();
        var before = await platform.NewEventTypeAsync();
        var after = await platform.NewEventTypeAsync();
        var id = await CreateAsync(app, "http://127.0.0.1/dir/update", before);
        var faults = FailPageWritesOf(app);

        await ApiAssert.SuccessAsync(await platform.Http.PutAsJsonAsync($"/api/apps/{app}/webhooks/{id}", new { events = new[] { after } }), HttpStatusCode.OK);
        var directory = platform.Grains.GetGrain<IEndpointDirectoryInternalGrain>(app);
        Assert.Equal([id], await directory.GetSubscribersAsync(before));

        faults.Failing = false;
        await faults.Repaired.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(async () => (await directory.GetSubscribersAsync(after)).Length == 1, TimeSpan.FromSeconds(10), () => "fan-out still follows the old subscription");
        Assert.Empty(await directory.GetSubscribersAsync(before));
    }

    [Fact]
    public async Task ADirectoryStoredWholeIsFoldedIntoPagesOnActivationAndCleared()
    {
        var app = "legacy-dir-" + Guid.NewGuid().ToString("N")[..8];
        var at = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var endpoints = Enumerable.Range(0, 150).Select(i => new EndpointDetails
        {
            Id = $"ep_legacy_{app}_{i:D3}",
            Url = $"http://127.0.0.1/legacy/{i}",
            Events = [i % 2 == 0 ? "legacy.even" : "legacy.odd"],
            Active = true,
            CreatedAt = at.AddMinutes(i),
            UpdatedAt = at.AddMinutes(i),
            DeletedAt = i == 7 ? at.AddDays(1) : null,
            ApplicationId = app,
        }).ToList();
        var large = platform.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Large);
        var grainId = GrainId.Create("endpoint-directory", app);

        // Shuffled, as a dictionary keeps no order: the fold lists them by creation time.
        var legacy = new EndpointDirectoryState { Opened = true, Endpoints = endpoints.OrderBy(e => e.Url.GetHashCode(StringComparison.Ordinal)).ToDictionary(e => e.Id, StringComparer.Ordinal) };
        await large.WriteStateAsync("endpoint-directory", grainId, new GrainState<EndpointDirectoryState> { State = legacy });

        var directory = platform.Grains.GetGrain<IEndpointDirectoryGrain>(app);
        var first = await directory.ListAsync(100, null);
        var second = await directory.ListAsync(100, first.NextCursor);
        Assert.Null(second.NextCursor);
        Assert.Equal(endpoints.Where(e => e.DeletedAt is null).Select(e => e.Id), first.Items.Concat(second.Items).Select(e => e.Id));
        Assert.Equal(
            endpoints.Where(e => e.DeletedAt is null && e.Events[0] == "legacy.odd").Select(e => e.Id),
            await platform.Grains.GetGrain<IEndpointDirectoryInternalGrain>(app).GetSubscribersAsync("legacy.odd"));

        var stored = new GrainState<EndpointDirectoryState>();
        await large.ReadStateAsync("endpoint-directory", grainId, stored);
        Assert.Empty(stored.State!.Endpoints);
        Assert.Equal(1, stored.State.LastPage);
    }

    /// <summary>Fails every write of the application's directory pages until <see cref="PageFaults.Failing"/> is cleared, then reports the next one.</summary>
    private PageFaults FailPageWritesOf(string app)
    {
        var faults = new PageFaults();
        Faults.BeforeWrite = (name, grain) =>
        {
            if (name != "endpoint-page" || !grain.Key.ToString()!.StartsWith(app + "/", StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            if (faults.Failing)
            {
                throw new TimeoutException("injected: directory page write failed");
            }

            faults.Written();
            return Task.CompletedTask;
        };
        return faults;
    }

    private async Task<string> NewApplicationAsync()
    {
        var app = "dir-" + Guid.NewGuid().ToString("N")[..12];
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id = app, name = app }), HttpStatusCode.Created);
        return app;
    }

    private async Task<string> CreateAsync(string app, string url, string type) =>
        (await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync($"/api/apps/{app}/webhooks", new { url, events = new[] { type } }), HttpStatusCode.Created))["id"]!.GetValue<string>();

    private sealed class PageFaults
    {
        private readonly TaskCompletionSource _repaired = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Failing = true;

        public Task Repaired => _repaired.Task;

        public void Written() => _repaired.TrySetResult();
    }
}
