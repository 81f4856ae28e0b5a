using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>Reports the silo's <see cref="MonitorBuffer"/> to the monitor grain every second.</summary>
internal sealed partial class MonitorReporter(MonitorBuffer buffer, IGrainFactory grains, ILogger<MonitorReporter> logger) : BackgroundService
{
    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var delta = buffer.Drain();
            if (delta.IsEmpty)
            {
                continue;
            }

            try
            {
                await grains.GetGrain<IIntegrationMonitorInternalGrain>(IIntegrationMonitorGrain.Key).MergeAsync(delta);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                buffer.Restore(delta);
                LogReportFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Monitor report failed, kept for the next one: {Reason}")]
    private static partial void LogReportFailed(ILogger logger, string reason);
}
