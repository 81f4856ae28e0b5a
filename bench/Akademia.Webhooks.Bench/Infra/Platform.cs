using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Akademia.Webhooks.Bench.Infra;

public enum Storage
{
    Memory,
    Redis,
}

/// <summary>How a cluster under test is configured: what differs from the product's defaults.</summary>
public sealed record PlatformConfig
{
    public Storage Storage { get; init; } = Storage.Memory;

    public int Silos { get; init; } = 1;

    /// <summary><c>Delivery:MaxConcurrentAttemptsPerEndpoint</c>; the product's default is 5.</summary>
    public int Bulkhead { get; init; } = 5;

    /// <summary>Further silo settings (configuration keys, with <c>:</c> or <c>__</c>).</summary>
    public IReadOnlyDictionary<string, string> SiloSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Settings given on the command line (<c>--silo</c>), on top of <see cref="SiloSettings"/>.</summary>
    public IReadOnlyDictionary<string, string> ExtraSiloSettings { get; init; } = new Dictionary<string, string>();

    public string Describe() =>
        $"{Storage}, {Silos} silo{(Silos > 1 ? "s" : "")}, bulkhead {Bulkhead}"
        + (ExtraSiloSettings.Count > 0 ? ", " + string.Join(", ", ExtraSiloSettings.Select(s => $"{s.Key}={s.Value}")) : "");
}

/// <summary>One silo process.</summary>
public sealed record Silo(ChildProcess Process, int SiloPort, int GatewayPort, int HttpPort);

/// <summary>
/// The platform as users run it: the Release builds of the silo(s) and the gateway started as
/// their own processes (as <c>scripts/run.sh</c> and <c>scripts/run-cluster.sh</c> do, in the
/// Development environment for the development key and loopback receivers), the gateway reached
/// over HTTP with an API key. Rate limiting is off: the benchmark is its own only client.
/// </summary>
public sealed class Platform : IAsyncDisposable
{
    public const string ApiKey = "akademia-dev-admin-key";
    public const string ServiceId = "akademia";

    private readonly string _logs;
    private readonly List<Silo> _silos = [];
    private readonly Dictionary<string, string> _siloEnvironment;
    private ChildProcess? _gateway;

    private readonly string _platformRoot;

    private Platform(string platformRoot, string logs, PlatformConfig config, RedisServer? redis)
    {
        _platformRoot = platformRoot;
        _logs = logs;
        Config = config;
        Redis = redis;
        ClusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        _siloEnvironment = new Dictionary<string, string>
        {
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:ServiceId"] = ServiceId,
            ["Cluster:Storage"] = config.Storage.ToString(),
            ["Cluster:Clustering"] = config.Silos > 1 ? "Redis" : "Localhost",
            ["Delivery:MaxConcurrentAttemptsPerEndpoint"] = config.Bulkhead.ToString(CultureInfo.InvariantCulture),
        };
        if (redis is not null)
        {
            _siloEnvironment["Cluster:RedisConnectionString"] = redis.ConnectionString;
        }

        foreach (var (key, value) in config.SiloSettings.Concat(config.ExtraSiloSettings))
        {
            _siloEnvironment[key] = value;
        }
    }

    public PlatformConfig Config { get; }

    public RedisServer? Redis { get; }

    public string ClusterId { get; }

    public IReadOnlyList<Silo> Silos => _silos;

    public Uri GatewayUrl { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    public ChildProcess Gateway => _gateway!;

    public static async Task<Platform> StartAsync(string repoRoot, string workRoot, PlatformConfig config, RedisServer? redis)
    {
        var logs = Path.Combine(workRoot, "logs");
        Directory.CreateDirectory(logs);
        var platform = new Platform(repoRoot, logs, config, redis);
        try
        {
            for (var i = 0; i < config.Silos; i++)
            {
                await platform.StartSiloAsync();
            }

            await platform.StartGatewayAsync();
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    public async Task<Silo> StartSiloAsync()
    {
        int siloPort = Ports.Free(), gatewayPort = Ports.Free();
        var settings = new Dictionary<string, string>(_siloEnvironment)
        {
            ["Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        };
        var name = $"silo{_silos.Count + 1}-{siloPort}";
        var process = await PlatformProcess.StartAsync(name, "Silo", settings, _logs, "/healthz", readyMeansSuccess: true, _platformRoot);
        var silo = new Silo(process.Process, siloPort, gatewayPort, process.HttpPort);
        _silos.Add(silo);
        return silo;
    }

    private async Task StartGatewayAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:ServiceId"] = ServiceId,
            ["RateLimiting:Enabled"] = "false",
        };
        if (Config.Silos > 1)
        {
            settings["Cluster:Clustering"] = "Redis";
            settings["Cluster:RedisConnectionString"] = Redis!.ConnectionString;
        }
        else
        {
            settings["Cluster:GatewayPorts:0"] = _silos[0].GatewayPort.ToString(CultureInfo.InvariantCulture);
        }

        var gateway = await PlatformProcess.StartAsync("gateway", "ApiGateway", settings, _logs, "/api/health", readyMeansSuccess: true, _platformRoot);
        _gateway = gateway.Process;
        GatewayUrl = new Uri(gateway.BaseUrl);
        Api = new ApiClient(GatewayUrl);
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.StopAsync(TimeSpan.FromSeconds(20));
        }

        // Silos leave the cluster gracefully, newest first.
        for (var i = _silos.Count - 1; i >= 0; i--)
        {
            await _silos[i].Process.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void ForgetSilo(Silo silo) => _silos.Remove(silo);
}

/// <summary>The gateway's HTTP API, as the benchmark uses it.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress, int connections = 512)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Add("X-API-Key", Platform.ApiKey);
    }

    public HttpClient Http => _http;

    public async Task RegisterEventTypeAsync(string name)
    {
        using var response = await _http.PostAsJsonAsync("/api/event-types", new { name, description = "benchmark" });
        if (response.StatusCode is not HttpStatusCode.Created and not HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"registering {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<string> CreateEndpointAsync(string url, string eventType)
    {
        using var response = await _http.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { eventType }, description = "benchmark" });
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"creating endpoint {url}: {(int)response.StatusCode} {text}");
        }

        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("data").GetProperty("id").GetString()!;
    }

    /// <summary>Creates <paramref name="count"/> endpoints, a few at a time.</summary>
    public async Task<string[]> CreateEndpointsAsync(int count, Func<int, string> url, string eventType, int parallel = 16)
    {
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
            ids[i] = await CreateEndpointAsync(url(i), eventType));
        return ids;
    }

    /// <summary>The body of a publish: the same small JSON object every time, with the event id.</summary>
    public static byte[] PublishBody(string id, string type) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            id,
            type,
            data = new { studentId = "s-1042", courseId = "c-77", score = 97, grader = "benchmark", comment = "A steady and complete answer; well argued." },
        });

    /// <summary>Publishes one event; the HTTP status (202 when accepted).</summary>
    public async Task<int> PublishAsync(string id, string type, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(PublishBody(id, type));
        content.Headers.ContentType = new("application/json");
        using var response = await _http.PostAsync(new Uri("/api/events", UriKind.Relative), content, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary><c>data.webhooks</c> of <c>GET /api/admin/monitor</c>.</summary>
    public async Task<MonitorFigures> MonitorAsync()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/admin/monitor", UriKind.Relative)));
        var w = doc.RootElement.GetProperty("data").GetProperty("webhooks");
        return new MonitorFigures(
            w.GetProperty("totalEvents").GetInt64(),
            w.GetProperty("totalDeliveries").GetInt64(),
            w.GetProperty("successfulDeliveries").GetInt64(),
            w.GetProperty("failedDeliveries").GetInt64(),
            w.GetProperty("pendingDeliveries").GetInt64());
    }

    public void Dispose() => _http.Dispose();
}

public sealed record MonitorFigures(long Events, long Deliveries, long Successful, long Failed, long Pending);
