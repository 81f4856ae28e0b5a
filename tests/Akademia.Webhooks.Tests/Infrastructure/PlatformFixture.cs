using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Grains.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// A test cluster over real TCP, and the real gateway (Kestrel on 127.0.0.1) joined to it as an
/// Orleans client. Retries are compressed to seconds by configuration.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public WebApplicationFactory<Program> Gateway { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Configuration given to every silo; subclasses add to it.</summary>
    protected virtual Dictionary<string, string?> SiloSettings() => BaseSiloSettings();

    protected static Dictionary<string, string?> BaseSiloSettings() => new()
    {
        ["Delivery:AttemptTimeout"] = "00:00:02",
        ["Delivery:RetryDelays:0"] = "00:00:01",
        ["Delivery:RetryDelays:1"] = "00:00:01",
        ["Delivery:RetryDelays:2"] = "00:00:01",
        ["Delivery:RetryDelays:3"] = "00:00:01",
        ["Delivery:RetryDelays:4"] = "00:00:01",
        ["Delivery:RetryDelays:5"] = "00:00:01",
        ["Delivery:JitterFactor"] = "0",
        ["Delivery:ReminderPeriod"] = "00:00:01",
        ["Delivery:FanOutRedrivePeriod"] = "00:00:02",
        ["Delivery:AllowedDestinationNetworks:0"] = "127.0.0.0/8",
        ["Delivery:AllowedDestinationNetworks:1"] = "::1/128",
        ["Secrets:EncryptionKey"] = TestEncryptionKey,
        ["Secrets:KeyId"] = "test",
        ["Endpoints:TestRetryDelays:0"] = "00:00:00.200",
        ["Endpoints:TestRetryDelays:1"] = "00:00:00.200",
        ["Endpoints:TestRetryDelays:2"] = "00:00:00.200",
        ["CircuitBreaker:OpenDuration"] = "00:00:03",
    };

    public const string TestEncryptionKey = "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy1sb24=";

    public const string AdminKey = "test-admin-key-0123456789";
    public const string PublisherKey = "test-publisher-key-0123456789";
    public const string ReaderKey = "test-reader-key-0123456789";

    /// <summary>Gateway configuration: three keys, one per role, and limits no ordinary test reaches.</summary>
    protected virtual Dictionary<string, string?> GatewaySettings() => new()
    {
        ["Auth:ApiKeys:0:Name"] = "test-admin",
        ["Auth:ApiKeys:0:Key"] = AdminKey,
        ["Auth:ApiKeys:0:Roles:0"] = "admin",
        ["Auth:ApiKeys:1:Name"] = "test-publisher",
        // Configured by hash, as production should be.
        ["Auth:ApiKeys:1:KeyHash"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(PublisherKey))),
        ["Auth:ApiKeys:1:Roles:0"] = "publisher",
        ["Auth:ApiKeys:2:Name"] = "test-reader",
        ["Auth:ApiKeys:2:Key"] = ReaderKey,
        ["Auth:ApiKeys:2:Roles:0"] = "reader",
        ["RateLimiting:Tiers:standard:Limit"] = "1000000",
        ["RateLimiting:Tiers:strict:Limit"] = "1000000",
        ["RateLimiting:Tiers:publish:Limit"] = "1000000",
    };

    /// <summary>An HTTP client for the gateway that sends no API key.</summary>
    public HttpClient AnonymousClient() => Gateway.CreateClient();

    /// <summary>An HTTP client for the gateway that sends <paramref name="apiKey"/>.</summary>
    public HttpClient ClientWithKey(string apiKey)
    {
        var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        return client;
    }

    /// <summary>Lets a fixture add silo configurators of its own.</summary>
    protected virtual void ConfigureCluster(TestClusterBuilder builder)
    {
    }

    /// <summary>Silos the cluster starts with.</summary>
    protected virtual short SiloCount => 1;

    private string? _serviceId;

    public virtual async Task InitializeAsync()
    {
        await StartClusterAsync();
        Gateway = StartGateway();
        Http = ClientWithKey(AdminKey);
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
        await StopClusterAsync();
    }

    /// <summary>
    /// Stops every silo, then starts a new cluster of the same service (its storage and reminders
    /// are whatever the silos are configured with) and a new gateway joined to it.
    /// </summary>
    public async Task RestartClusterAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
        await StopClusterAsync();
        await StartClusterAsync();
        Gateway = StartGateway();
        Http = ClientWithKey(AdminKey);
    }

    /// <summary>Another gateway process joined to the same cluster.</summary>
    public WebApplicationFactory<Program> StartGateway(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var gatewayPort = Cluster.Primary!.GatewayAddress!.Endpoint.Port;
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = Cluster.Options.ClusterId,
            ["Cluster:ServiceId"] = Cluster.Options.ServiceId,
            ["Cluster:GatewayPorts:0"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in GatewaySettings().Concat(overrides ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("urls", "http://127.0.0.1:0");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        gateway.UseKestrel(_ => { });
        gateway.StartServer();
        return gateway;
    }

    private async Task StartClusterAsync()
    {
        var builder = new TestClusterBuilder(SiloCount);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        // Several clusters run side by side in one test run: give each its own free ports.
        builder.Options.BaseSiloPort = UnusedPort();
        builder.Options.BaseGatewayPort = UnusedPort();
        if (_serviceId is not null)
        {
            builder.Options.ServiceId = _serviceId;
        }

        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(SiloSettings()));
        builder.AddSiloBuilderConfigurator<PlatformSiloConfigurator>();
        ConfigureCluster(builder);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        _serviceId = Cluster.Options.ServiceId;
    }

    private async Task StopClusterAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    public async Task<(string Id, string Secret)> CreateEndpointAsync(string url, params string[] events)
    {
        var response = await Http.PostAsJsonAsync("/api/webhooks", new { url, events });
        var json = await ReadJsonAsync(response, HttpStatusCode.Created);
        return (json["data"]!["id"]!.GetValue<string>(), json["data"]!["secret"]!.GetValue<string>());
    }

    /// <summary>
    /// Registers a fresh event type, so that a test's subscriptions see only that test's events
    /// although the cluster is shared.
    /// </summary>
    public async Task<string> NewEventTypeAsync(string name = "event")
    {
        var type = $"t{Guid.NewGuid():N}.{name}";
        var response = await Http.PostAsJsonAsync("/api/event-types", new { name = type, description = "test" });
        await ReadJsonAsync(response, HttpStatusCode.Created);
        return type;
    }

    public async Task<JsonNode> PublishAsync(object request)
    {
        var response = await Http.PostAsJsonAsync("/api/events", request);
        return (await ReadJsonAsync(response, HttpStatusCode.Accepted))["data"]!;
    }

    /// <summary>Reads the delivery until <paramref name="done"/> holds.</summary>
    public async Task<Delivery> WaitForDeliveryAsync(string deliveryId, Func<Delivery, bool> done, TimeSpan? timeout = null)
    {
        Delivery? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            last = await Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync();
            return last is not null && done(last);
        }, timeout ?? TimeSpan.FromSeconds(30), () => $"delivery {deliveryId} is {JsonSerializer.Serialize(last)}");
        return last!;
    }

    public async Task<JsonNode> GetDataAsync(string path) =>
        (await ReadJsonAsync(await Http.GetAsync(path), HttpStatusCode.OK))["data"]!;

    public async Task<JsonNode> PostDataAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        (await ReadJsonAsync(await Http.PostAsync(path, null), expected))["data"]!;

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>A loopback port with nothing listening on it.</summary>
    public static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

public sealed class PlatformSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var storage = Enum.Parse<StorageMode>(siloBuilder.Configuration["Cluster:Storage"] ?? nameof(StorageMode.Memory));
        siloBuilder.AddWebhookStorage(storage, siloBuilder.Configuration["Cluster:RedisConnectionString"]);
        siloBuilder.Configure<ReminderOptions>(o =>
        {
            o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500);
            // Reminders registered by a silo that died are picked up on the next refresh.
            o.RefreshReminderListPeriod = TimeSpan.FromSeconds(2);
            o.ReminderLoadingWindow = TimeSpan.FromMinutes(10);
        });
        siloBuilder.AddWebhookPlatform(siloBuilder.Configuration);
    }
}

public static class Eventually
{
    /// <summary>Re-checks an observable condition until it holds; fails with a description otherwise.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Condition did not hold within {timeout}: {describe()}");
            }

            await Task.Delay(25);
        }
    }
}
