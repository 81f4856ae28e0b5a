using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Grains.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.ClientErrors;

[GenerateSerializer, Alias("akademia.ClientErrorLogState")]
public sealed record ClientErrorLogState
{
    /// <summary>Newest first, at most the configured capacity.</summary>
    [Id(0)] public ClientError[] Entries { get; init; } = [];
}

/// <summary>
/// The ring of the most recent client errors, one per cluster. Reports are rare and small next to
/// deliveries, so one grain suffices; it runs in a silo, so it counts each in the silo's monitor buffer.
/// </summary>
[GrainType("client-errors")]
public sealed partial class ClientErrorLogGrain(
    [PersistentState("client-errors", StorageNames.Webhooks)] IPersistentState<ClientErrorLogState> state,
    IOptions<ClientErrorOptions> options,
    MonitorBuffer monitor,
    TimeProvider time,
    ILogger<ClientErrorLogGrain> logger)
    : Grain, IClientErrorLogGrain
{
    private const int MonitoredMessageLength = 200;

    public async Task<ClientError> RecordAsync(ClientErrorReport report)
    {
        var now = time.GetUtcNow();
        var error = ClientErrorValidation.Validate(report, "ce_" + Guid.CreateVersion7(now).ToString("N"), now);

        // A capacity lowered since the last write trims the ring here too.
        var previous = state.State;
        state.State = previous with { Entries = [error, .. previous.Entries.Take(options.Value.Capacity - 1)] };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not listed either: the caller is told to retry.
            state.State = previous;
            throw;
        }

        monitor.ErrorReported(new MonitoredError(now, IClientErrorLogGrain.ClientErrorCode, Status: null, error.Url ?? "client",
            error.Message.Length > MonitoredMessageLength ? error.Message[..MonitoredMessageLength] : error.Message));
        LogClientError(logger, error.Id, error.Url);
        return error;
    }

    public Task<ClientError[]> ListAsync(int limit)
    {
        if (limit is < 1 or > 100)
        {
            throw new ValidationFailedException(new() { ["limit"] = "must be between 1 and 100" });
        }

        return Task.FromResult(state.State.Entries.Take(limit).ToArray());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client error {ClientErrorId} reported from {Url}")]
    private static partial void LogClientError(ILogger logger, string clientErrorId, string? url);
}
