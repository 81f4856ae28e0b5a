using Akademia.Webhooks.ApiGateway.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>The gateway's view of its cluster connection: what it logs, and which routes it answers 503 for.</summary>
public sealed class HealthConnectionStateTests
{
    [Fact]
    public void EachChangeOfStateIsOneLineAndRepeatsAreSilent()
    {
        var logger = new FakeLogger<ClusterConnection>();
        var connection = new ClusterConnection(logger);
        IClusterConnectionStatusObserver observer = connection;

        for (var i = 0; i < 10; i++)
        {
            connection.Lost("no gateway");
        }

        // A gateway connection before the client has started does not make grain calls work.
        observer.NotifyGatewayCountChanged(1, 0, connectionRecovered: true);
        Assert.False(connection.IsConnected);

        connection.Started();
        connection.Reached();
        observer.NotifyGatewayCountChanged(2, 1, connectionRecovered: false);
        Assert.True(connection.IsConnected);

        observer.NotifyClusterConnectionLost();
        connection.Lost("probe timed out");
        Assert.False(connection.IsConnected);
        observer.NotifyGatewayCountChanged(1, 0, connectionRecovered: true);
        Assert.True(connection.IsConnected);

        // Stopping closes the connection on purpose: not an outage.
        connection.Stopping();
        observer.NotifyClusterConnectionLost();
        Assert.False(connection.IsConnected);

        var lines = logger.Collector.GetSnapshot().Select(r => (r.Level, r.Message)).ToList();
        Assert.Equal(
        [
            (LogLevel.Warning, "Cluster disconnected (no gateway): API routes answer 503 until a silo is reachable; retrying in the background"),
            (LogLevel.Information, "Cluster connected: API routes are served"),
            (LogLevel.Warning, "Cluster disconnected (the connection to the last gateway closed): API routes answer 503 until a silo is reachable; retrying in the background"),
            (LogLevel.Information, "Cluster connected: API routes are served"),
        ], lines);
        Assert.All(logger.Collector.GetSnapshot(), r => Assert.Null(r.Exception));
    }

    [Theory]
    [InlineData("/api/webhooks", true)]
    [InlineData("/api/events", true)]
    [InlineData("/API/admin/monitor", true)]
    [InlineData("/api/unknown", true)]
    [InlineData("/api", true)]
    [InlineData("/api/health", false)]
    [InlineData("/api/health/", false)]
    [InlineData("/api-docs", false)]
    [InlineData("/api-docs.yaml", false)]
    [InlineData("/metrics", false)]
    [InlineData("/health/ready", false)]
    [InlineData("/", false)]
    public void OnlyApiRoutesOtherThanHealthNeedTheCluster(string path, bool needsCluster) =>
        Assert.Equal(needsCluster, ClusterUnavailableMiddleware.NeedsCluster(new PathString(path)));
}
