namespace Akademia.Webhooks.Silo;

/// <summary>
/// Says at every start that this silo keeps its state in memory outside Development, because it was
/// allowed to: an operator reading the logs after a restart learns why accepted events are gone.
/// </summary>
internal sealed partial class VolatileStorageWarning(ILogger<VolatileStorageWarning> logger, IHostEnvironment environment) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogVolatileStorage(logger, environment.EnvironmentName);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain state and reminders are in memory in the '{Environment}' environment (Cluster:AllowVolatileStorage=true): every accepted event, delivery and retry is lost when this silo stops")]
    private static partial void LogVolatileStorage(ILogger logger, string environment);
}
