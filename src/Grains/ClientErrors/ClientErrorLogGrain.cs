using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.ClientErrors;

/// <summary>
/// The ring of the most recent client errors, one per cluster. Anyone may report, so a report must
/// cost about its own size: each is stored on its own in a slot grain (report <c>n</c> in slot
/// <c>n mod capacity</c>, overwriting the oldest), and this grain stores only the ring's head. The
/// newest-first list reads the last slots back. It runs in a silo, so it counts each report in the
/// silo's monitor buffer.
/// </summary>
[GrainType("client-errors")]
public sealed partial class ClientErrorLogGrain(
    [PersistentState("client-error-ring", StorageNames.Webhooks)] IPersistentState<ClientErrorRingState> ring,
    [PersistentState("client-errors", StorageNames.Webhooks)] IPersistentState<ClientErrorLogState> legacy,
    IOptions<ClientErrorOptions> options,
    PlatformInstruments instruments,
    TimeProvider timeProvider,
    ILogger<ClientErrorLogGrain> logger)
    : Grain, IClientErrorLogGrain
{
    private const int MonitoredMessageLength = 200;

    private int Capacity => options.Value.Capacity;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Reports stored whole by an earlier version move into slots once, oldest first, so the
        // list still shows them; then the big record is cleared.
        if (legacy.RecordExists && legacy.State.Entries.Length > 0)
        {
            foreach (var error in legacy.State.Entries.Take(Capacity).Reverse())
            {
                await AppendAsync(error);
            }

            await legacy.ClearStateAsync(cancellationToken);
        }
    }

    public async Task<ClientError> RecordAsync(ClientErrorReport report)
    {
        var now = timeProvider.GetUtcNow();
        var error = ClientErrorValidation.Validate(report, "ce_" + Guid.CreateVersion7(now).ToString("N"), now);
        await AppendAsync(error);

        instruments.ErrorReported(new MonitoredError(now, IClientErrorLogGrain.ClientErrorCode, Status: null, error.Url ?? "client",
            error.Message.Length > MonitoredMessageLength ? error.Message[..MonitoredMessageLength] : error.Message));
        LogClientError(logger, error.Id, error.Url);
        return error;
    }

    public async Task<ClientError[]> ListAsync(int limit)
    {
        if (FieldRules.CheckPageLimit(limit) is { } limitProblem)
        {
            throw new ValidationFailedException(new() { ["limit"] = limitProblem });
        }

        // A slot that holds another sequence (its write failed, or the capacity changed) is skipped.
        var next = ring.State.Next;
        var count = (int)Math.Min(Math.Min(limit, Capacity), next);
        var reads = Enumerable.Range(1, count)
            .Select(back => next - back)
            .Select(sequence => GrainFactory.GetGrain<IClientErrorSlotGrain>(sequence % Capacity).GetAsync(sequence));
        return (await Task.WhenAll(reads)).OfType<ClientError>().ToArray();
    }

    private async Task AppendAsync(ClientError error)
    {
        // The head moves first: if the slot's write then fails, the list skips that sequence rather
        // than a later report overwriting a slot the list still points at.
        var sequence = ring.State.Next;
        ring.State = new ClientErrorRingState { Next = sequence + 1 };
        try
        {
            await ring.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not listed either: the caller is told to retry.
            ring.State = new ClientErrorRingState { Next = sequence };
            throw;
        }

        await GrainFactory.GetGrain<IClientErrorSlotGrain>(sequence % Capacity).StoreAsync(sequence, error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client error {ClientErrorId} reported from {Url}")]
    private static partial void LogClientError(ILogger logger, string clientErrorId, string? url);
}
