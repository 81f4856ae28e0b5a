using System.Globalization;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// A silo and a gateway as processes from the build output, in a cluster of their own on free ports
/// (Development, localhost clustering, memory storage), with extra settings per process.
/// </summary>
public sealed class LocalPlatform : IAsyncDisposable
{
    private readonly string _logs = Directory.CreateTempSubdirectory("akademia-local-").FullName;
    private readonly List<PlatformProcess> _started = [];

    public string ClusterId { get; } = "local-" + Guid.NewGuid().ToString("N")[..8];

    public int SiloPort { get; } = Ports.Free();

    public int GatewayPort { get; } = Ports.Free();

    /// <summary>Starts the silo and waits until its <c>/healthz</c> answers 200.</summary>
    public Task<PlatformProcess> StartSiloAsync(IReadOnlyDictionary<string, string>? settings = null) => StartAsync("silo", "Silo", "/healthz", new Dictionary<string, string>
    {
        ["Cluster:ClusterId"] = ClusterId,
        ["Cluster:SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
        ["Cluster:GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
    }, settings);

    /// <summary>Starts the gateway and waits until its <c>/api/health</c> answers 200: it reached the silo.</summary>
    public Task<PlatformProcess> StartGatewayAsync(IReadOnlyDictionary<string, string>? settings = null) => StartAsync("gateway", "ApiGateway", "/api/health", new Dictionary<string, string>
    {
        ["Cluster:ClusterId"] = ClusterId,
        ["Cluster:GatewayPorts:0"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
    }, settings);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_started))
        {
            await process.StopAsync(TimeSpan.FromSeconds(15));
        }

        Directory.Delete(_logs, recursive: true);
    }

    private async Task<PlatformProcess> StartAsync(string name, string project, string readyPath, Dictionary<string, string> settings, IReadOnlyDictionary<string, string>? extra)
    {
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var process = await PlatformProcess.StartAsync(name, project, settings, _logs, readyPath, readyMeansSuccess: true);
        _started.Add(process);
        return process;
    }
}
