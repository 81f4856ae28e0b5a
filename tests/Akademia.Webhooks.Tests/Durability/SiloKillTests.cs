using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Grains.Deliveries;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Durability;

/// <summary>
/// The operator's crash: silos and gateway as separate processes on Redis, a receiver that fails half
/// of the time and answers slowly (so every endpoint's bulkhead has deliveries waiting), and the silo
/// that hosts most bulkheads killed with SIGKILL in the middle of publishing, then restarted.
/// </summary>
[Trait("Category", "Redis")]
[Trait("Category", "Process")]
public sealed class SiloKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Endpoints = 10;
    private const int Events = 600;
    private const int KillAfterPublishes = 240;
    private const int Publishers = 16;
    private static readonly TimeSpan SettleWithin = TimeSpan.FromMinutes(3);

    private ProcessCluster _cluster = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _cluster = await ProcessCluster.StartAsync(2, new Dictionary<string, string>
        {
            // A compressed ladder: 7 attempts over about 15 s.
            ["Delivery:RetryDelays:0"] = "00:00:01",
            ["Delivery:RetryDelays:1"] = "00:00:02",
            ["Delivery:RetryDelays:2"] = "00:00:03",
            ["Delivery:RetryDelays:3"] = "00:00:03",
            ["Delivery:RetryDelays:4"] = "00:00:03",
            ["Delivery:RetryDelays:5"] = "00:00:03",
            ["Delivery:FanOutRedrivePeriod"] = "00:00:10",
            ["Delivery:ReminderPeriod"] = "00:00:10",
            ["Delivery:AttemptTimeout"] = "00:00:10",
            ["Cluster:MinimumReminderPeriod"] = "00:00:01",
            // Half of all answers fail at random: breakers would open all the time and hide what is tested.
            ["CircuitBreaker:FailureThreshold"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task KillingTheSiloThatHoldsTheBulkheadsStrandsNoDelivery()
    {
        var answeredOk = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        _receiver.Behaviour = async (request, cancel) =>
        {
            await Task.Delay(50, cancel);
            if (Random.Shared.Next(2) == 0)
            {
                return (500, "flaky");
            }

            answeredOk.AddOrUpdate(request.Header("webhook-id"), 1, (_, n) => n + 1);
            return (200, "ok");
        };

        var type = $"t{Guid.NewGuid():N}.crash";
        await Success(await _cluster.Http.PostAsJsonAsync("/api/event-types", new { name = type, description = "crash test" }), HttpStatusCode.Created);
        var endpoints = new List<string>();
        for (var i = 0; i < Endpoints; i++)
        {
            var created = await Success(await _cluster.Http.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url($"/ep{i}"), events = new[] { type } }), HttpStatusCode.Created);
            endpoints.Add(created["id"]!.GetValue<string>());
        }

        // Publishers retry a publish that was not accepted (the gateway's silo connection may be the
        // one that died) with the same event id: the id makes the repeat harmless.
        var accepted = new ConcurrentBag<int>();
        var next = -1;
        var reachedKillPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var publishers = Enumerable.Range(0, Publishers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Events)
            {
                await PublishUntilAcceptedAsync(type, i);
                accepted.Add(i);
                if (accepted.Count >= KillAfterPublishes)
                {
                    reachedKillPoint.TrySetResult();
                }
            }
        })).ToList();

        await reachedKillPoint.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var (victim, bulkheads) = await _cluster.SiloHostingMostAsync("bulkhead");
        var waiting = 0;
        foreach (var endpoint in endpoints)
        {
            if (await _cluster.SiloHostingAsync("bulkhead", endpoint) == victim)
            {
                waiting += (await _cluster.Grains.GetGrain<IBulkheadGrain>(endpoint).GetRateAsync()).Waiting;
            }
        }

        await victim.KillAsync();
        var clock = Stopwatch.StartNew();
        output.WriteLine($"killed {victim.Name} (SIGKILL) holding {bulkheads} of {Endpoints} bulkheads with {waiting} deliveries waiting in them, after {accepted.Count} publishes");
        Assert.True(waiting > 0, "the kill must catch deliveries waiting in the victim's bulkheads, or this test proves nothing");

        await Task.Delay(TimeSpan.FromSeconds(5));
        await victim.StartAgainAsync();
        await Task.WhenAll(publishers).WaitAsync(TimeSpan.FromMinutes(2));

        var deliveryIds = accepted.SelectMany(i => endpoints.Select(e => PlatformIds.DeliveryId(EventId(i), e))).ToList();
        var outcomes = await WaitForOutcomesAsync(deliveryIds, clock, SettleWithin);
        var settledIn = clock.Elapsed;

        var delivered = outcomes.Values.Count(s => s == DeliveryStatus.Delivered);
        var deadLettered = outcomes.Values.Count(s => s == DeliveryStatus.DeadLettered);
        var stranded = deliveryIds.Count - delivered - deadLettered;
        var duplicates = answeredOk.Values.Sum(n => n - 1);
        output.WriteLine($"deliveries: {deliveryIds.Count}, delivered: {delivered}, dead-lettered: {deadLettered}, stranded: {stranded}, " +
            $"duplicates (a webhook-id answered 2xx more than once): {duplicates}, settled {settledIn.TotalSeconds:0.0} s after the kill, " +
            $"POSTs received: {_receiver.Received.Count}");

        Assert.Equal(Events, accepted.Count);
        Assert.True(stranded == 0, $"{stranded} deliveries still pending {SettleWithin} after the kill\n{_cluster.Tails()}");
        Assert.All(outcomes.Where(o => o.Value == DeliveryStatus.Delivered), o => Assert.True(answeredOk.ContainsKey(o.Key), $"{o.Key} is delivered but was never answered 2xx"));

        // Each delivery is listed once in its endpoint's history, however often it was re-driven.
        foreach (var endpoint in endpoints)
        {
            var listed = await ListDeliveriesAsync(endpoint);
            var expected = accepted.Select(i => PlatformIds.DeliveryId(EventId(i), endpoint)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, listed.Order(StringComparer.Ordinal).ToList());
        }
    }

    private static string EventId(int i) => $"kill-{i}";

    private async Task PublishUntilAcceptedAsync(string type, int i)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                using var response = await _cluster.Http.PostAsJsonAsync("/api/events", new { id = EventId(i), type, data = new { i } });
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return;
                }

                // Anything but 503/504 (the cluster is settling) is a defect of the platform.
                Assert.True(
                    response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.InternalServerError,
                    $"publish {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"publish {i} was never accepted\n{_cluster.Tails()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Reads each delivery's status until all are settled; settled ones are not asked again.</summary>
    private async Task<Dictionary<string, DeliveryStatus>> WaitForOutcomesAsync(List<string> deliveryIds, Stopwatch sinceKill, TimeSpan within)
    {
        var outcomes = new ConcurrentDictionary<string, DeliveryStatus>(StringComparer.Ordinal);
        var pending = deliveryIds;
        while (pending.Count > 0 && sinceKill.Elapsed < within)
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) =>
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
            pending = [.. pending.Where(id => !outcomes.ContainsKey(id))];
            if (pending.Count > 0)
            {
                // The next round waits for the platform to do something observable.
                await _receiver.WaitForRequestsAsync(_receiver.Received.Count + 1, TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        return new Dictionary<string, DeliveryStatus>(outcomes);
    }

    private async Task<List<string>> ListDeliveriesAsync(string endpointId)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var data = await Success(await _cluster.Http.GetAsync($"/api/webhooks/{endpointId}/deliveries?limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")), HttpStatusCode.OK);
            ids.AddRange(data["items"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            cursor = data["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return ids;
    }

    private static async Task<JsonNode> Success(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["data"]!;
    }
}
