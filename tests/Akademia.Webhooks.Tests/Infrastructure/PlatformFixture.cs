using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// A test cluster over real TCP, and the real gateway (Kestrel on 127.0.0.1) joined to it as an
/// Orleans client. What the cluster is like is given once, typed, as <see cref="PlatformTestOptions"/>
/// (retries compressed to seconds by default); the variants that need a cluster of their own are
/// declared in <c>Platforms.cs</c>. With Redis or Azure Tables storage it starts that server too.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    public const string TestEncryptionKey = PlatformTestOptions.TestEncryptionKey;

    public const string AdminKey = "test-admin-key-0123456789";
    public const string PublisherKey = "test-publisher-key-0123456789";
    public const string ReaderKey = "test-reader-key-0123456789";

    /// <summary>The options of the running cluster, by the id its silos are given (in-process silos find theirs here).</summary>
    private static readonly ConcurrentDictionary<string, PlatformTestOptions> Running = new(StringComparer.Ordinal);

    private readonly string _id = Guid.NewGuid().ToString("N");
    private string? _serviceId;

    /// <summary>The default platform.</summary>
    public PlatformFixture()
        : this(_ => { })
    {
    }

    /// <summary>A platform with <paramref name="configure"/> applied to the tests' defaults.</summary>
    protected PlatformFixture(Action<PlatformTestOptions> configure)
    {
        configure(Options);
        Running[_id] = Options;
    }

    public PlatformTestOptions Options { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public WebApplicationFactory<Program> Gateway { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The redis-server, when <see cref="PlatformTestOptions.Storage"/> is Redis.</summary>
    public RedisServer Redis => _redis ?? throw new InvalidOperationException("this platform does not store in Redis");

    /// <summary>The Azurite, when <see cref="PlatformTestOptions.Storage"/> is Azure Tables.</summary>
    public AzuriteServer Azurite => _azurite ?? throw new InvalidOperationException("this platform does not store in Azure Tables");

    private RedisServer? _redis;
    private AzuriteServer? _azurite;

    /// <summary>The storage server as one interface, for scenarios written once per backend.</summary>
    public IStorageBackend Backend => Options.Storage switch
    {
        StorageMode.Redis => new RedisBackend(Redis),
        StorageMode.AzureTables => new AzuriteBackend(Azurite),
        _ => throw new InvalidOperationException("in-memory storage has no server"),
    };

    /// <summary>The primary silo's services: the providers exactly as the silo built them.</summary>
    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).ServiceProvider;

    /// <summary>Storage writes of the primary silo, when <see cref="PlatformTestOptions.CountStorageWrites"/> is set.</summary>
    public StorageWriteCounter Writes => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<StorageWriteCounter>();

    /// <summary>Grain calls of the primary silo, when <see cref="PlatformTestOptions.CountGrainCalls"/> is set.</summary>
    public GrainCallCounter Calls => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredService<GrainCallCounter>();

    /// <summary>An HTTP client for the gateway that sends no API key.</summary>
    public HttpClient AnonymousClient() => Gateway.CreateClient();

    /// <summary>An HTTP client for the gateway that sends <paramref name="apiKey"/>.</summary>
    public HttpClient ClientWithKey(string apiKey)
    {
        var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        return client;
    }

    public async Task InitializeAsync()
    {
        if (Options.Storage == StorageMode.Redis)
        {
            _redis = await RedisServer.StartAsync();
        }
        else if (Options.Storage == StorageMode.AzureTables)
        {
            _azurite = await AzuriteServer.StartAsync();
        }

        await StartClusterAsync();
        Gateway = StartGateway();
        Http = ClientWithKey(AdminKey);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
        await StopClusterAsync();
        Running.TryRemove(_id, out _);
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
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
    public WebApplicationFactory<Program> StartGateway()
    {
        var gatewayPort = Cluster.Primary!.GatewayAddress!.Endpoint.Port;
        var settings = Options.GatewaySettings();
        settings["Cluster:ClusterId"] = Cluster.Options.ClusterId;
        settings["Cluster:ServiceId"] = Cluster.Options.ServiceId;
        settings["Cluster:GatewayPorts:0"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("urls", "http://127.0.0.1:0");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(services =>
            {
                if (Options.GatewayClock is { } clock)
                {
                    services.AddKeyedSingleton<TimeProvider>(CredentialLookup.ClockKey, clock);
                }

                if (Options.Logs is { } logs)
                {
                    services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
                }
            });
        });
        gateway.UseKestrel(_ => { });
        gateway.StartServer();
        return gateway;
    }

    private async Task StartClusterAsync()
    {
        var builder = new TestClusterBuilder(Options.Silos);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        // Several clusters run side by side in one test run: give each its own free ports.
        builder.Options.BaseSiloPort = Ports.Free();
        builder.Options.BaseGatewayPort = Ports.Free();
        if (_serviceId is not null)
        {
            builder.Options.ServiceId = _serviceId;
        }

        var settings = Options.SiloSettings();
        settings[PlatformSiloConfigurator.FixtureKey] = _id;
        settings["Cluster:Storage"] = Options.Storage.ToString();
        if (_redis is not null)
        {
            settings["Cluster:RedisConnectionString"] = _redis.ConnectionString;
        }

        if (_azurite is not null)
        {
            settings["AzureTables:ConnectionString"] = _azurite.ConnectionString;
            // An outage is seen within seconds (two tries of 2 s), not the production 20 s.
            settings["AzureTables:NetworkTimeout"] = "00:00:02";
            settings["AzureTables:MaxRetries"] = "1";
        }

        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<PlatformSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        _serviceId = Cluster.Options.ServiceId;
        if (Options.Clock is { } clock)
        {
            await clock.WaitUntilServicesStartedAsync([.. Cluster.Silos.Select(s => s.SiloAddress)], PlatformSiloConfigurator.ReminderRefreshPeriod);
        }
    }

    private async Task StopClusterAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The options of the fixture whose silo is being built, by the id in its configuration.</summary>
    internal static PlatformTestOptions OptionsOf(string id) => Running[id];

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

    /// <summary>
    /// Waits for attempt <paramref name="number"/> of the delivery at the receiver, then for the
    /// grain to finish with it: a call queued behind the attempt (the grain takes one call at a time)
    /// returns once the outcome is recorded, and finds no retry due yet.
    /// </summary>
    public async Task AttemptRecordedAsync(WebhookReceiver receiver, string deliveryId, int number)
    {
        await receiver.WaitForRequestsAsync(r => r.Headers.GetValueOrDefault("webhook-id") == deliveryId, number, TimeSpan.FromSeconds(30));
        Assert.False(await Grains.GetGrain<IDeliveryInternalGrain>(deliveryId).ProcessNowAsync(force: false));
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
    public static int UnusedPort() => Ports.Free();
}
