using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// What one publish and its one delivery cost in grain calls and storage writes, in the default
/// application and in another: applications must add nothing to the path. Its own cluster, so that
/// no other test's traffic is counted.
/// </summary>
public sealed class ApplicationCostTests(CostCountingFixture platform, ITestOutputHelper output) : IClassFixture<CostCountingFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task APublishToAnApplicationCostsWhatAPublishToDefaultCosts()
    {
        var type = await platform.NewEventTypeAsync();
        var app = "cost-" + Guid.NewGuid().ToString("N")[..8];
        await PlatformFixture.ReadJsonAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id = app, name = app }), HttpStatusCode.Created);
        var (inDefault, _) = await platform.CreateEndpointAsync(_receiver.Url("/default"), type);
        var created = await PlatformFixture.ReadJsonAsync(await platform.Http.PostAsJsonAsync($"/api/apps/{app}/webhooks", new { url = _receiver.Url("/app"), events = new[] { type } }), HttpStatusCode.Created);
        var inApp = created["data"]!["id"]!.GetValue<string>();

        // Warm: the directories, the endpoints, the bulkheads, the breaker and the gateway's cache are active.
        await PublishAndSettleAsync("/api/events", "warm-default", type, inDefault);
        await PublishAndSettleAsync($"/api/apps/{app}/events", "warm-app", type, inApp);

        var (defaultCalls, defaultWrites) = await PublishAndSettleAsync("/api/events", "cost-default", type, inDefault);
        var (appCalls, appWrites) = await PublishAndSettleAsync($"/api/apps/{app}/events", "cost-app", type, inApp);

        output.WriteLine($"default: {defaultCalls.Values.Sum()} calls, {defaultWrites.Values.Sum()} writes: {Describe(defaultCalls)} | {Describe(defaultWrites)}");
        output.WriteLine($"app:     {appCalls.Values.Sum()} calls, {appWrites.Values.Sum()} writes: {Describe(appCalls)} | {Describe(appWrites)}");
        Assert.Equal(defaultCalls, appCalls);
        Assert.Equal(defaultWrites, appWrites);

        // Retention costs each publish one filing (a call and a group-committed write, shared under load).
        Assert.Equal((1, 1), (defaultCalls["IRetentionBucketInternalGrain.AddAsync"], defaultWrites["retention-bucket"]));
    }

    private async Task<(SortedDictionary<string, long> Calls, SortedDictionary<string, long> Writes)> PublishAndSettleAsync(string route, string prefix, string type, string endpointId)
    {
        var settledBefore = platform.Calls.Of("IEventGrain.DeliverySettledAsync");
        var calls = platform.Calls.Snapshot();
        var writes = platform.Writes.Snapshot();
        var eventId = $"{prefix}-{Guid.NewGuid():N}";

        await PlatformFixture.ReadJsonAsync(await platform.Http.PostAsJsonAsync(route, new { id = eventId, type, data = new { } }), HttpStatusCode.Accepted);
        await platform.WaitForDeliveryAsync($"{eventId}:{endpointId}", d => d.Status == DeliveryStatus.Delivered);

        // The last hop is one-way: the event hears that its delivery settled.
        await Eventually.HoldsAsync(() => Task.FromResult(platform.Calls.Of("IEventGrain.DeliverySettledAsync") > settledBefore), TimeSpan.FromSeconds(10), () => "the event never heard that its delivery settled");
        return (Delta(calls, platform.Calls.Snapshot(), exclude: ["IDeliveryGrain.GetAsync", "IStorageProbeGrain", "IPlatformHealthGrain", "IIntegrationMonitor", "IRetentionSweeperInternalGrain"]),
            Delta(writes, platform.Writes.Snapshot(), exclude: ["storage-probe", "monitor", "retention-sweeper"]));
    }

    // The retention sweeper hears of a bucket once per partition and hour, not per publish: whether a
    // publish is the first of its bucket depends on its id's hash, so it is left out of the comparison.
    // The test's own reads of the delivery, and the platform's timers (the monitor's merge from each silo
    // among them, IIntegrationMonitorInternalGrain), are not the publish's cost.
    private static SortedDictionary<string, long> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, string[] exclude) =>
        new(after
            .Where(e => !exclude.Any(x => e.Key.StartsWith(x, StringComparison.Ordinal)))
            .Select(e => (e.Key, Count: e.Value - before.GetValueOrDefault(e.Key)))
            .Where(e => e.Count > 0)
            .ToDictionary(e => e.Key, e => e.Count), StringComparer.Ordinal);

    private static string Describe(SortedDictionary<string, long> counts) => string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"));
}
