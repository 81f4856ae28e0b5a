namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>
/// Whether the gateway reaches the cluster now. Orleans tells of gateway connections opening and
/// closing; the connection service adds what its start-up and its probes see. Only a change of state
/// is logged, one line each, so an outage of an hour is two lines, not a stack trace per retry.
/// </summary>
internal sealed partial class ClusterConnection(ILogger<ClusterConnection> logger) : IClusterConnectionStatusObserver
{
    private const int Unknown = 0;
    private const int Up = 1;
    private const int Down = 2;

    private int _state = Unknown;
    private volatile bool _started;
    private volatile bool _stopping;

    /// <summary>True while grain calls can reach a silo: the client has started and a gateway answers.</summary>
    public bool IsConnected => _started && Volatile.Read(ref _state) == Up;

    /// <summary>The Orleans client finished starting: it reached a gateway and loaded the cluster's manifest.</summary>
    public void Started()
    {
        _started = true;
        Reached();
    }

    public void Reached()
    {
        // Before the client has started, a gateway connection alone does not make grain calls work.
        if (_started && Interlocked.Exchange(ref _state, Up) != Up)
        {
            LogConnected(logger);
        }
    }

    /// <summary>The gateway is stopping its client: the connection that closes then is no outage to report.</summary>
    public void Stopping() => _stopping = true;

    public void Lost(string reason)
    {
        if (Interlocked.Exchange(ref _state, Down) != Down && !_stopping)
        {
            LogDisconnected(logger, reason);
        }
    }

    void IClusterConnectionStatusObserver.NotifyClusterConnectionLost() => Lost("the connection to the last gateway closed");

    void IClusterConnectionStatusObserver.NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways > 0)
        {
            Reached();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster connected: API routes are served")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster disconnected ({Reason}): API routes answer 503 until a silo is reachable; retrying in the background")]
    private static partial void LogDisconnected(ILogger logger, string reason);
}
