namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>
/// Orleans' default gives up on the first connection after about 3 minutes and stops the host. The
/// gateway instead keeps trying, once a second, for as long as it runs: it starts without a silo
/// and answers 503 until one is reachable (<see cref="ClusterConnectionService"/>).
/// </summary>
internal sealed class ClusterConnectionRetryFilter(ClusterConnection connection) : IClientConnectionRetryFilter
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        connection.Lost(ClusterConnectionService.Reason(exception));
        try
        {
            await Task.Delay(Delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
