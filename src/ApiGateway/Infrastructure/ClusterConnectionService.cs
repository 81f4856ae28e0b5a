namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>
/// Starts the Orleans client in the background instead of as a hosted service that holds the host's
/// start (and so Kestrel) until a silo answers, then probes the cluster: every second while it is
/// unreachable (a probe is also what makes the client look for gateways again), every
/// <see cref="ConnectedProbePeriod"/> while it is reachable.
/// </summary>
internal sealed partial class ClusterConnectionService(
    IHostedService orleansClient, ClusterConnection connection, IGrainFactory grains, ILogger<ClusterConnectionService> logger)
    : BackgroundService
{
    public static readonly TimeSpan ConnectedProbePeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the host's start waits for the first connection: a gateway started beside its silos
    /// serves its first request connected; one started without a silo listens after this and answers 503.
    /// </summary>
    public static readonly TimeSpan InitialWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _firstConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _clientStarted;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        await Task.WhenAny(_firstConnection.Task, Task.Delay(InitialWait, cancellationToken));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await orleansClient.StartAsync(stoppingToken);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        _clientStarted = true;
        connection.Started();
        _firstConnection.TrySetResult();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(connection.IsConnected ? ConnectedProbePeriod : ClusterConnectionRetryFilter.Delay, stoppingToken);
                await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, stoppingToken).WaitAsync(ProbeTimeout, stoppingToken);
                connection.Reached();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or OperationCanceledException or InvalidOperationException)
            {
                connection.Lost(Reason(ex));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_clientStarted)
        {
            LogStopping(logger);
            connection.Stopping();
            await orleansClient.StopAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Why the cluster is unreachable, for the one log line: Orleans' own messages name gateways and
    /// silos; another exception (a clustering store's, which may echo its connection settings) by its type only.
    /// </summary>
    internal static string Reason(Exception ex) => ex switch
    {
        OrleansException or TimeoutException => ex.Message,
        _ => ex.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping the cluster client")]
    private static partial void LogStopping(ILogger logger);
}
