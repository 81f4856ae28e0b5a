using System.Globalization;
using System.Net.Http.Headers;
using Akademia.Webhooks.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Akademia.Webhooks.Testing;

/// <summary>
/// The durable cluster as an operator runs it (what <c>scripts/run-cluster.sh</c> starts): a real
/// redis-server for membership, state and reminders, silos and a gateway as separate processes, and
/// a grain client in the test for looking inside. For crash tests: <see cref="PlatformProcess.KillAsync"/>
/// is SIGKILL. Settings use configuration keys (<c>Delivery:RetryDelays:0</c>) and reach every silo.
/// <see cref="StartOnAzureAsync"/> runs the same cluster with membership, state and reminders in a
/// real Azurite instead, on the official Orleans Azure Storage providers.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string AdminKey = "akademia-dev-admin-key";

    private readonly string _logDirectory = Directory.CreateTempSubdirectory("akademia-cluster-").FullName;
    private readonly List<PlatformProcess> _silos = [];
    private IHost? _client;

    private readonly RedisServer? _redis;

    private ProcessCluster(RedisServer? redis, AzuriteServer? azurite)
    {
        _redis = redis;
        Azurite = azurite;
    }

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("this cluster is on Azure Storage");

    /// <summary>The Azurite of a cluster started by <see cref="StartOnAzureAsync"/>.</summary>
    public AzuriteServer? Azurite { get; }

    public IReadOnlyList<PlatformProcess> Silos => _silos;

    public PlatformProcess Gateway { get; private set; } = null!;

    /// <summary>A grain client of the cluster, for what the HTTP API does not show (where grains live).</summary>
    public IClusterClient Grains => _client!.Services.GetRequiredService<IClusterClient>();

    /// <summary>An HTTP client of the gateway with the development admin key.</summary>
    public HttpClient Http { get; private set; } = null!;

    public string ClusterId { get; } = "crash-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Silo ports by silo name: a silo restarted on its port replaces its dead predecessor at once.</summary>
    private readonly Dictionary<string, int> _siloPorts = [];

    public static async Task<ProcessCluster> StartAsync(int silos, IReadOnlyDictionary<string, string> settings) =>
        await StartAsync(new ProcessCluster(await RedisServer.StartAsync(), null), silos, settings);

    /// <summary>As <see cref="StartAsync(int, IReadOnlyDictionary{string, string})"/>, with everything in Azurite (<c>AzureTables</c> clustering and storage).</summary>
    public static async Task<ProcessCluster> StartOnAzureAsync(int silos, IReadOnlyDictionary<string, string> settings) =>
        await StartAsync(new ProcessCluster(null, await AzuriteServer.StartAsync()), silos, settings);

    private static async Task<ProcessCluster> StartAsync(ProcessCluster cluster, int silos, IReadOnlyDictionary<string, string> settings)
    {
        try
        {
            var backend = cluster.Azurite is null ? "Redis" : "AzureTables";
            var common = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Cluster:ClusterId"] = cluster.ClusterId,
                ["Cluster:ServiceId"] = cluster.ClusterId,
                ["Cluster:Clustering"] = backend,
                ["Cluster:Storage"] = backend,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Akademia"] = "Information",
                ["Logging:LogLevel:Orleans.Runtime.MembershipService"] = "Information",
            };
            if (cluster.Azurite is { } azurite)
            {
                common["AzureTables:ConnectionString"] = azurite.ConnectionString;
            }
            else
            {
                common["Cluster:RedisConnectionString"] = cluster.Redis.ConnectionString;
            }

            foreach (var (key, value) in settings)
            {
                common[key] = value;
            }

            var starts = Enumerable.Range(1, silos).Select(n => cluster.StartSiloAsync($"silo{n}", common)).ToArray();
            await Task.WhenAll(starts);

            common["RateLimiting:Enabled"] = "false";
            cluster.Gateway = await PlatformProcess.StartAsync("gateway", "ApiGateway", common, cluster._logDirectory);
            cluster.Http = new HttpClient { BaseAddress = new Uri(cluster.Gateway.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
            cluster.Http.DefaultRequestHeaders.Add("X-API-Key", AdminKey);
            cluster.Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            cluster._client = Host.CreateDefaultBuilder()
                .ConfigureLogging(logging => logging.ClearProviders())
                .UseOrleansClient(client =>
                {
                    client.Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = cluster.ClusterId;
                        o.ServiceId = cluster.ClusterId;
                    });
                    client.Services.Configure<ExceptionSerializationOptions>(WireExceptions.Allow);
                    if (cluster.Azurite is { } azurite)
                    {
                        client.UseAzureStorageClustering(o =>
                        {
                            o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString);
                            o.TableName = "WebhookMembership";
                        });
                    }
                    else
                    {
                        client.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(cluster.Redis.ConnectionString));
                    }
                })
                .Build();
            await cluster._client.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo that hosts most activations of <paramref name="grainType"/>, and how many it hosts.</summary>
    public async Task<(PlatformProcess Silo, int Count)> SiloHostingMostAsync(string grainType)
    {
        var statistics = await ActivationsAsync(grainType);
        var busiest = statistics.GroupBy(s => s.SiloAddress.Endpoint.Port).OrderByDescending(g => g.Count()).First();
        var name = _siloPorts.Single(p => p.Value == busiest.Key).Key;
        return (_silos.Single(s => s.Name == name), busiest.Count());
    }

    /// <summary>The silo hosting the activation of grain <paramref name="grainType"/>/<paramref name="key"/>, if any is active.</summary>
    public async Task<PlatformProcess?> SiloHostingAsync(string grainType, string key)
    {
        var statistics = await ActivationsAsync(grainType);
        var port = statistics.FirstOrDefault(s => s.GrainId.Key.ToString() == key)?.SiloAddress.Endpoint.Port;
        return port is null ? null : _silos.Single(s => s.Name == _siloPorts.Single(p => p.Value == port).Key);
    }

    /// <summary>
    /// The membership entries of <paramref name="silo"/>, one per start on its port, oldest first: a
    /// silo that left by itself is <see cref="SiloStatus.Dead"/> with no suspicion from another silo.
    /// </summary>
    public async Task<IReadOnlyList<MembershipEntry>> MembershipOfAsync(PlatformProcess silo)
    {
        var port = _siloPorts[silo.Name];
        var hosts = await Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        return [.. hosts.Where(h => h.SiloAddress.Endpoint.Port == port).OrderBy(h => h.SiloAddress.Generation)];
    }

    // The management grain filters by grain class name, not by grain type: filter here instead.
    private async Task<List<DetailedGrainStatistic>> ActivationsAsync(string grainType) =>
        [.. (await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics()).Where(s => s.GrainId.Type.ToString() == grainType)];

    /// <summary>What every process wrote last, for a failure message.</summary>
    public string Tails(int lines = 30) => string.Join('\n', _silos.Append(Gateway).Where(p => p is not null).Select(p => p.Tail(lines)));

    private async Task StartSiloAsync(string name, Dictionary<string, string> common)
    {
        var siloPort = Ports.Free();
        var settings = new Dictionary<string, string>(common)
        {
            ["Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
        };
        var silo = await PlatformProcess.StartAsync(name, "Silo", settings, _logDirectory);
        lock (_silos)
        {
            _siloPorts[name] = siloPort;
            _silos.Add(silo);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_client is not null)
        {
            try
            {
                await _client.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SiloUnavailableException or OrleansException)
            {
            }

            _client.Dispose();
        }

        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(_logDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
