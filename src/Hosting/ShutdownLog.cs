using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// One line when the host begins to stop (before Kestrel and Orleans stop anything) and one when it
/// has stopped, so an operator sees from the log whether a stop fit in the orchestrator's grace.
/// </summary>
internal sealed partial class ShutdownLog(string processName, IOptions<ShutdownOptions> options, ILogger<ShutdownLog> logger) : IHostedLifecycleService
{
    private long _stoppingAt;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stoppingAt = Stopwatch.GetTimestamp();
        LogStopping(logger, processName, options.Value.Timeout.TotalSeconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.GetElapsedTime(_stoppingAt);
        LogStopped(logger, processName, elapsed.TotalSeconds);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Process} stopping: in-flight work has up to {TimeoutSeconds} s")]
    private static partial void LogStopping(ILogger logger, string process, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Process} stopped in {ElapsedSeconds:0.00} s")]
    private static partial void LogStopped(ILogger logger, string process, double elapsedSeconds);
}
