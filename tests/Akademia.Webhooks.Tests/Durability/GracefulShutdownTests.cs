using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Hosting;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Durability;

/// <summary>
/// SIGTERM as <c>docker compose stop</c> sends it, to silos and the gateway as separate processes on
/// Redis: in-flight attempts finish and record their outcome within the drain window, or are handed
/// back and made again with the same webhook-id; the silo leaves the cluster by itself; both exit 0
/// inside the compose file's 30 s grace.
/// </summary>
[Trait("Category", "Redis")]
[Trait("Category", "Process")]
public sealed class GracefulShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ComposeGrace = TimeSpan.FromSeconds(30);

    private ProcessCluster? _cluster;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AnAttemptThatFinishesWithinTheDrainIsRecordedAndTheSiloLeavesByItself()
    {
        var cluster = await StartClusterAsync([]);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Behaviour = async (_, cancel) =>
        {
            await answer.Task.WaitAsync(cancel);
            return (200, "ok");
        };
        var deliveryId = await PublishToNewEndpointAsync(cluster, "finish");
        await _receiver.WaitForRequestsAsync(1);
        var silo = await cluster.SiloHostingAsync("delivery", deliveryId) ?? throw new InvalidOperationException("no silo hosts the delivery in flight");

        var clock = Stopwatch.StartNew();
        var stopping = silo.StopAsync(ComposeGrace);
        var drainStarted = await silo.WaitForLogAsync("Draining outbound attempts", ComposeGrace);
        // The receiver answers only once the silo is draining: the attempt provably outlives the SIGTERM.
        answer.SetResult();
        await stopping;
        var stoppedIn = clock.Elapsed;
        var drainEnded = await silo.WaitForLogAsync("Drain done", TimeSpan.FromSeconds(1));
        output.WriteLine($"{silo.Name} exited {silo.ExitCode} {stoppedIn.TotalSeconds:0.00} s after SIGTERM\n{drainStarted}\n{drainEnded}");

        Assert.Equal(0, silo.ExitCode);
        Assert.True(stoppedIn < ComposeGrace, $"stopped in {stoppedIn}");
        Assert.Contains(": 1 in flight", drainStarted, StringComparison.Ordinal);
        Assert.Contains(": 1 attempts finished, 0 handed back", drainEnded, StringComparison.Ordinal);
        await AssertLeftByItselfAsync(cluster, silo);

        await silo.StartAgainAsync();
        var delivery = await WaitForDeliveredAsync(cluster, deliveryId);
        Assert.Single(delivery["attempts"]!.AsArray());
        Assert.Equal(200, delivery["attempts"]![0]!["statusCode"]!.GetValue<int>());
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task AnAttemptThatOutlastsTheDrainIsHandedBackAndMadeAgainWithTheSameWebhookId()
    {
        var drain = TimeSpan.FromSeconds(3);
        var cluster = await StartClusterAsync(new() { ["Shutdown:DrainTimeout"] = drain.ToString("c", CultureInfo.InvariantCulture) });
        var posts = 0;
        _receiver.Behaviour = async (_, cancel) =>
        {
            if (Interlocked.Increment(ref posts) == 1)
            {
                // Holds the first POST until the silo gives up on it.
                await Task.Delay(Timeout.Infinite, cancel);
            }

            return (200, "ok");
        };
        var deliveryId = await PublishToNewEndpointAsync(cluster, "handback");
        await _receiver.WaitForRequestsAsync(1);
        var silo = await cluster.SiloHostingAsync("delivery", deliveryId) ?? throw new InvalidOperationException("no silo hosts the delivery in flight");

        var clock = Stopwatch.StartNew();
        await silo.StopAsync(ComposeGrace);
        var stoppedIn = clock.Elapsed;
        var drainEnded = await silo.WaitForLogAsync("Drain done", TimeSpan.FromSeconds(1));
        output.WriteLine($"{silo.Name} exited {silo.ExitCode} {stoppedIn.TotalSeconds:0.00} s after SIGTERM (drain window {drain.TotalSeconds:0} s)\n{drainEnded}");

        Assert.Equal(0, silo.ExitCode);
        Assert.True(stoppedIn >= drain, $"stopped in {stoppedIn}, before the drain window ended");
        Assert.True(stoppedIn < drain + ShutdownOptions.LeaveMargin, $"stopped in {stoppedIn}");
        Assert.Contains(": 0 attempts finished, 1 handed back", drainEnded, StringComparison.Ordinal);
        await AssertLeftByItselfAsync(cluster, silo);

        await silo.StartAgainAsync();
        await _receiver.WaitForRequestsAsync(2, TimeSpan.FromSeconds(60));
        var delivery = await WaitForDeliveredAsync(cluster, deliveryId);

        Assert.Equal([deliveryId, deliveryId], _receiver.Received.Select(r => r.Header("webhook-id")));
        // The handed-back attempt was our cancellation, not the receiver's failure: it is not recorded.
        var attempt = Assert.Single(delivery["attempts"]!.AsArray());
        Assert.Equal(200, attempt!["statusCode"]!.GetValue<int>());
        Assert.Equal(deliveryId, delivery["webhookId"]!.GetValue<string>());
    }

    [Fact]
    public async Task SigtermDuringAPublishLetsTheGatewayAnswerItAndExitZero()
    {
        var cluster = await StartClusterAsync([]);
        var type = await NewEventTypeAsync(cluster);
        await Success(await cluster.Http.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url("/gateway"), events = new[] { type } }), HttpStatusCode.Created);

        var rest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var content = new HeldBackContent(JsonSerializer.Serialize(new { id = "drain-gateway", type, data = new { n = 1 } }), rest.Task);
        var publish = cluster.Http.PostAsync("/api/events", content);
        await WaitForActivePostAsync(cluster.Gateway);

        var clock = Stopwatch.StartNew();
        var stopping = cluster.Gateway.StopAsync(ComposeGrace);
        await cluster.Gateway.WaitForLogAsync("Gateway stopping", ComposeGrace);
        rest.SetResult();
        using var response = await publish;
        await stopping;
        var stoppedIn = clock.Elapsed;
        output.WriteLine($"gateway answered {(int)response.StatusCode} and exited {cluster.Gateway.ExitCode} {stoppedIn.TotalSeconds:0.00} s after SIGTERM");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, cluster.Gateway.ExitCode);
        Assert.True(stoppedIn < ComposeGrace, $"stopped in {stoppedIn}");
    }

    private async Task<ProcessCluster> StartClusterAsync(Dictionary<string, string> settings)
    {
        settings["Delivery:FanOutRedrivePeriod"] = "00:00:05";
        settings["Delivery:ReminderPeriod"] = "00:00:05";
        settings["Cluster:MinimumReminderPeriod"] = "00:00:01";
        _cluster = await ProcessCluster.StartAsync(2, settings);
        return _cluster;
    }

    private async Task<string> PublishToNewEndpointAsync(ProcessCluster cluster, string name)
    {
        var type = await NewEventTypeAsync(cluster);
        var endpoint = await Success(await cluster.Http.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url("/" + name), events = new[] { type } }), HttpStatusCode.Created);
        var eventId = $"drain-{name}-{Guid.NewGuid():N}";
        await Success(await cluster.Http.PostAsJsonAsync("/api/events", new { id = eventId, type, data = new { name } }), HttpStatusCode.Accepted);
        return PlatformIds.DeliveryId(eventId, endpoint["id"]!.GetValue<string>());
    }

    private static async Task<string> NewEventTypeAsync(ProcessCluster cluster)
    {
        var type = $"t{Guid.NewGuid():N}.drain";
        await Success(await cluster.Http.PostAsJsonAsync("/api/event-types", new { name = type, description = "drain test" }), HttpStatusCode.Created);
        return type;
    }

    /// <summary>
    /// Dead, written by itself. Orleans adds whoever writes an entry dead to its suspect list: the silo
    /// itself when it leaves, the silos that voted when it was declared dead.
    /// </summary>
    private static async Task AssertLeftByItselfAsync(ProcessCluster cluster, PlatformProcess silo)
    {
        var entry = (await cluster.MembershipOfAsync(silo))[^1];
        var voters = (entry.SuspectTimes ?? []).Select(s => s.Item1).ToList();
        Assert.Equal(SiloStatus.Dead, entry.Status);
        Assert.True(voters.Count > 0 && voters.All(v => v.Equals(entry.SiloAddress)), $"{entry.SiloAddress} ({silo.Name}) was written dead by {string.Join(", ", voters)}");
    }

    private static async Task<JsonNode> WaitForDeliveredAsync(ProcessCluster cluster, string deliveryId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await cluster.Http.GetAsync($"/api/deliveries/{deliveryId}");
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(text)!["data"] is { } delivery && delivery["status"]!.GetValue<string>() != "pending")
            {
                Assert.Equal("delivered", delivery["status"]!.GetValue<string>());
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{deliveryId} not settled: {(int)response.StatusCode} {text}\n{cluster.Tails()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Until the gateway's own metrics show a POST being served: the publish is inside Kestrel.</summary>
    private static async Task WaitForActivePostAsync(PlatformProcess gateway)
    {
        using var http = new HttpClient { BaseAddress = new Uri(gateway.BaseUrl) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var metrics = await http.GetStringAsync("/metrics");
            var active = metrics.Split('\n')
                .Where(l => l.StartsWith("http_server_active_requests{", StringComparison.Ordinal) && l.Contains("http_request_method=\"POST\"", StringComparison.Ordinal))
                .Sum(l => double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture));
            if (active >= 1)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the publish never reached the gateway\n" + gateway.Tail());
            await Task.Delay(50);
        }
    }

    private static async Task<JsonNode> Success(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["data"]!;
    }

    /// <summary>A JSON body sent in two halves: the second only once <c>rest</c> completes.</summary>
    private sealed class HeldBackContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly Task _rest;

        public HeldBackContent(string json, Task rest)
        {
            _body = Encoding.UTF8.GetBytes(json);
            _rest = rest;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _body.Length / 2;
            await stream.WriteAsync(_body.AsMemory(0, half));
            await stream.FlushAsync();
            await _rest;
            await stream.WriteAsync(_body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
