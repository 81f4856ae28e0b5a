using System.Diagnostics;
using System.Globalization;
using System.Net;
using Akademia.Webhooks.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// Health as operators see it, with real processes on a real redis-server: a gateway that starts
/// before any silo, a silo that starts later and is killed with SIGKILL, and storage that stops and
/// comes back.
/// </summary>
[Trait("Category", "Redis")]
[Trait("Category", "Process")]
public sealed class HealthProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private readonly string _logs = Directory.CreateTempSubdirectory("akademia-health-").FullName;
    private readonly string _clusterId = "health-" + Guid.NewGuid().ToString("N")[..8];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private RedisServer _redis = null!;
    private PlatformProcess? _gateway;
    private PlatformProcess? _silo;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _http.DefaultRequestHeaders.Add("X-API-Key", ProcessCluster.AdminKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await _redis.DisposeAsync();
        Directory.Delete(_logs, recursive: true);
    }

    [Fact]
    public async Task GatewayAnswers503UntilASiloIsReachableAndAgainOnceItIsKilled()
    {
        _gateway = await PlatformProcess.StartAsync("gateway", "ApiGateway", Settings(), _logs, readyPath: "/health/live", readyMeansSuccess: true);

        // No silo: the gateway serves, and every API route answers 503 in the envelope.
        var refused = await _http.GetAsync(_gateway.BaseUrl + "/api/webhooks");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var error = await PlatformFixture.ReadJsonAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("SERVICE_UNAVAILABLE", error["code"]!.GetValue<string>());
        Assert.False(error["success"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _http.GetAsync(_gateway.BaseUrl + "/health/ready")).StatusCode);
        var health = await PlatformFixture.ReadJsonAsync(await _http.GetAsync(_gateway.BaseUrl + "/api/health"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", health["data"]!["status"]!.GetValue<string>());
        Assert.Equal("unreachable", health["data"]!["systemHealth"]!["cluster"]!["status"]!.GetValue<string>());

        // A silo starts: the gateway connects by itself and serves.
        _silo = await StartSiloAsync();
        var clock = Stopwatch.StartNew();
        await StatusBecomesAsync(_gateway.BaseUrl + "/health/ready", HttpStatusCode.OK);
        output.WriteLine($"gateway ready {clock.Elapsed.TotalSeconds:0.0} s after the silo answered");
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(_gateway.BaseUrl + "/api/webhooks")).StatusCode);
        var ready = await PlatformFixture.ReadJsonAsync(await _http.GetAsync(_gateway.BaseUrl + "/api/health"), HttpStatusCode.OK);
        Assert.Equal("reachable", ready["data"]!["systemHealth"]!["cluster"]!["status"]!.GetValue<string>());

        // The only silo dies without a word: readiness fails and the API answers 503 again.
        await _silo.KillAsync();
        clock.Restart();
        await StatusBecomesAsync(_gateway.BaseUrl + "/health/ready", HttpStatusCode.ServiceUnavailable);
        output.WriteLine($"gateway unready {clock.Elapsed.TotalSeconds:0.0} s after SIGKILL");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _http.GetAsync(_gateway.BaseUrl + "/api/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(_gateway.BaseUrl + "/health/live")).StatusCode);

        // One line per change of state (down at start, up, down), and no stack trace for the retries.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var log = ReadLog(_gateway);
        Assert.Equal(2, Count(log, "Cluster disconnected"));
        Assert.Equal(1, Count(log, "Cluster connected"));
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiloIsReadyOnlyWhileItsStorageAnswers()
    {
        _silo = await StartSiloAsync();
        await StatusBecomesAsync(_silo.BaseUrl + "/health/ready", HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(_silo.BaseUrl + "/healthz")).StatusCode);

        await _redis.KillAsync();
        var clock = Stopwatch.StartNew();
        await StatusBecomesAsync(_silo.BaseUrl + "/health/ready", HttpStatusCode.ServiceUnavailable);
        output.WriteLine($"silo unready {clock.Elapsed.TotalSeconds:0.0} s after redis-server was killed");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _http.GetAsync(_silo.BaseUrl + "/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(_silo.BaseUrl + "/health/live")).StatusCode);

        await _redis.StartAgainAsync();
        clock.Restart();
        await StatusBecomesAsync(_silo.BaseUrl + "/health/ready", HttpStatusCode.OK);
        output.WriteLine($"silo ready {clock.Elapsed.TotalSeconds:0.0} s after redis-server came back");
    }

    private Dictionary<string, string> Settings() => new(StringComparer.Ordinal)
    {
        ["Cluster:ClusterId"] = _clusterId,
        ["Cluster:ServiceId"] = _clusterId,
        ["Cluster:Clustering"] = "Redis",
        ["Cluster:Storage"] = "Redis",
        ["Cluster:RedisConnectionString"] = _redis.ConnectionString,
        ["RateLimiting:Enabled"] = "false",
        // The cached probe would answer for 5 s after storage stops; every check probes here.
        ["Monitor:HealthProbeCacheDuration"] = "00:00:00",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Akademia"] = "Information",
    };

    private Task<PlatformProcess> StartSiloAsync()
    {
        var settings = Settings();
        settings["Cluster:SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        settings["Cluster:GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        return PlatformProcess.StartAsync("silo", "Silo", settings, _logs, readyPath: "/health/live", readyMeansSuccess: true);
    }

    private async Task StatusBecomesAsync(string url, HttpStatusCode expected)
    {
        HttpStatusCode? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                last = (await _http.GetAsync(url)).StatusCode;
            }
            catch (TaskCanceledException)
            {
                last = null;
            }

            return last == expected;
        }, Within, () => $"{url} answered {last}\n{_gateway?.Tail()}\n{_silo?.Tail()}");
    }

    private static string ReadLog(PlatformProcess process)
    {
        using var stream = new FileStream(process.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static int Count(string text, string line) => text.Split('\n').Count(l => l.Contains(line, StringComparison.Ordinal));
}
