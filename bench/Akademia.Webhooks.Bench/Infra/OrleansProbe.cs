using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Akademia.Webhooks.Bench.Infra;

/// <summary>
/// A small Orleans client of the benchmark's own, to ask the management grain what the HTTP API
/// does not tell: activations per grain type and the active silos.
/// </summary>
public sealed class OrleansProbe : IAsyncDisposable
{
    private readonly IHost _host;

    private OrleansProbe(IHost host) => _host = host;

    public static async Task<OrleansProbe> ConnectAsync(Platform platform)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = platform.ClusterId;
                o.ServiceId = Platform.ServiceId;
            });
            if (platform.Config.Silos > 1)
            {
                var redis = StackExchange.Redis.ConfigurationOptions.Parse(platform.Redis!.ConnectionString);
                redis.AbortOnConnectFail = false;
                client.UseRedisClustering(o => o.ConfigurationOptions = redis);
            }
            else
            {
                client.UseStaticClustering(platform.Silos.Select(s => new IPEndPoint(IPAddress.Loopback, s.GatewayPort)).ToArray());
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new OrleansProbe(host);
    }

    /// <summary>The client itself, for the silo-internal interfaces a scenario seeds through.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    private IManagementGrain Management => _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

    /// <summary>Activations of each grain type, cluster-wide.</summary>
    public async Task<Dictionary<string, int>> ActivationsAsync()
    {
        var stats = await Management.GetSimpleGrainStatistics();
        return stats.GroupBy(s => s.GrainType).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount), StringComparer.Ordinal);
    }

    /// <summary>Activations of the delivery grain (one per event and endpoint).</summary>
    public async Task<int> DeliveryActivationsAsync() =>
        (await ActivationsAsync()).Where(a => a.Key.Split(',')[0].EndsWith(".DeliveryGrain", StringComparison.Ordinal)).Sum(a => a.Value);

    public async Task<int> ActiveSilosAsync() => (await Management.GetHosts(onlyActive: true)).Count;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }

        _host.Dispose();
    }
}
