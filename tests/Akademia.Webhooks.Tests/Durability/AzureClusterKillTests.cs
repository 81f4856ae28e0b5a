using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Durability;

/// <summary>
/// Two silos and a gateway as separate processes on Azure Table clustering, with state and reminders
/// in the same Azurite: one silo is killed with SIGKILL while deliveries climb their ladders, and
/// the survivor, finding it dead in the membership table, finishes every one.
/// </summary>
[Trait("Category", "Azure")]
[Trait("Category", "Process")]
public sealed class AzureClusterKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 30;
    private const int FailuresEach = 2;
    private static readonly TimeSpan SettleWithin = TimeSpan.FromMinutes(3);

    private ProcessCluster _cluster = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _cluster = await ProcessCluster.StartOnAzureAsync(2, new Dictionary<string, string>
        {
            // A compressed ladder (7 attempts over about 12 s), so that retries are pending (as
            // reminders) when the silo dies.
            ["Delivery:RetryDelays:0"] = "00:00:02",
            ["Delivery:RetryDelays:1"] = "00:00:02",
            ["Delivery:RetryDelays:2"] = "00:00:02",
            ["Delivery:RetryDelays:3"] = "00:00:02",
            ["Delivery:RetryDelays:4"] = "00:00:02",
            ["Delivery:RetryDelays:5"] = "00:00:02",
            ["Delivery:AttemptTimeout"] = "00:00:10",
            // Every first attempt fails: breakers would open and hide what is tested.
            ["CircuitBreaker:FailureThreshold"] = "1000",
            ["Delivery:FanOutRedrivePeriod"] = "00:00:10",
            ["Delivery:ReminderPeriod"] = "00:00:10",
            ["Cluster:MinimumReminderPeriod"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task KillingOneOfTwoSilosOnAzureClusteringLosesNoDelivery()
    {
        // Each webhook-id fails its first two attempts, then succeeds.
        var seen = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        _receiver.Behaviour = (request, _) =>
            Task.FromResult(seen.AddOrUpdate(request.Header("webhook-id"), 1, (_, n) => n + 1) <= FailuresEach ? (500, "not yet") : (200, "ok"));

        var type = $"t{Guid.NewGuid():N}.azure";
        await Success(await _cluster.Http.PostAsJsonAsync("/api/event-types", new { name = type, description = "azure kill test" }), HttpStatusCode.Created);
        var endpoints = new List<string>();
        foreach (var path in new[] { "/one", "/two" })
        {
            var created = await Success(await _cluster.Http.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url(path), events = new[] { type } }), HttpStatusCode.Created);
            endpoints.Add(created["id"]!.GetValue<string>());
        }

        for (var i = 0; i < Events; i++)
        {
            await Success(await _cluster.Http.PostAsJsonAsync("/api/events", new { id = $"az-kill-{i}", type, data = new { i } }), HttpStatusCode.Accepted);
        }

        var deliveryIds = Enumerable.Range(0, Events).SelectMany(i => endpoints.Select(e => PlatformIds.DeliveryId($"az-kill-{i}", e))).ToList();
        await Eventually.HoldsAsync(
            async () => (await Task.WhenAll(deliveryIds.Select(id => _cluster.Grains.GetGrain<IDeliveryGrain>(id).GetAsync()))).All(d => d?.Attempts.Length >= 1),
            TimeSpan.FromSeconds(60), () => $"not every delivery made its first attempt\n{_cluster.Tails()}");

        var (victim, held) = await _cluster.SiloHostingMostAsync("delivery");
        var pending = (await Task.WhenAll(deliveryIds.Select(id => _cluster.Grains.GetGrain<IDeliveryGrain>(id).GetAsync()))).Count(d => d?.Status == DeliveryStatus.Pending);
        await victim.KillAsync();
        var clock = Stopwatch.StartNew();
        output.WriteLine($"killed {victim.Name} (SIGKILL) hosting {held} delivery grains, {pending} of {deliveryIds.Count} deliveries pending");
        Assert.True(pending > 0, "the kill must catch deliveries mid-ladder, or this test proves nothing");

        var outcomes = new ConcurrentDictionary<string, DeliveryStatus>(StringComparer.Ordinal);
        while (outcomes.Count < deliveryIds.Count && clock.Elapsed < SettleWithin)
        {
            await Parallel.ForEachAsync(deliveryIds.Where(id => !outcomes.ContainsKey(id)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) =>
            {
                try
                {
                    if (await _cluster.Grains.GetGrain<IDeliveryGrain>(id).GetAsync() is { Status: not DeliveryStatus.Pending } delivery)
                    {
                        outcomes[id] = delivery.Status;
                    }
                }
                catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or OrleansException)
                {
                    // The cluster is still settling: ask again on the next round.
                }
            });
            await Task.Delay(500);
        }

        var posts = _receiver.Received.GroupBy(r => r.Header("webhook-id")).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"deliveries: {deliveryIds.Count}, delivered: {outcomes.Values.Count(s => s == DeliveryStatus.Delivered)}, " +
            $"unsettled: {deliveryIds.Count - outcomes.Count}, POSTs: {_receiver.Received.Count}, settled {clock.Elapsed.TotalSeconds:0.0} s after the kill");

        Assert.True(outcomes.Count == deliveryIds.Count, $"{deliveryIds.Count - outcomes.Count} deliveries unsettled {SettleWithin} after the kill\n{_cluster.Tails()}");
        Assert.All(outcomes.Values, s => Assert.Equal(DeliveryStatus.Delivered, s));
        Assert.Equal(deliveryIds.Count, posts.Count);
        Assert.All(posts.Values, n => Assert.True(n >= FailuresEach + 1));
    }

    private static async Task<JsonNode> Success(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["data"]!;
    }
}
