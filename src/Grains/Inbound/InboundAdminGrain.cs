using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Monitoring;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// Listing and figures across inbound messages. Messages are listed from their logs, newest first;
/// filters on the log's time apply without activating a message, the status filter reads each
/// candidate. A page examines at most <see cref="ScanBudget"/> messages, so a rare status never makes
/// one request read the whole history: the cursor continues where it stopped.
/// </summary>
[StatelessWorker, GrainType("inbound-admin")]
public sealed class InboundAdminGrain : Grain, IInboundAdminGrain
{
    public const int ScanBudget = 1000;

    /// <summary>Log order is arrival order, give or take concurrent appends: keep reading this far past <c>from</c>.</summary>
    private static readonly TimeSpan OrderSlack = TimeSpan.FromMinutes(1);

    public async Task<InboundMessagePage> ListMessagesAsync(InboundMessageQuery query)
    {
        var errors = new Dictionary<string, string>();
        if (FieldRules.CheckPageLimit(query.Limit) is { } limitProblem)
        {
            errors["limit"] = limitProblem;
        }

        if (query.SourceId is not null && !InboundSourceIds.IsValid(query.SourceId))
        {
            errors["sourceId"] = InboundSourceIds.Rule;
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var log = GrainFactory.GetGrain<IDeliveryLogGrain>(query.SourceId is null ? InboundLogs.All : InboundLogs.OfSource(query.SourceId));
        var items = new List<InboundMessage>(query.Limit);
        var cursor = query.Cursor;
        var examined = 0;
        do
        {
            // Read only as many as the page still needs, so that the log's cursor is exactly after
            // the last message this page looked at.
            var (entries, next) = await log.ReadAsync(query.Limit - items.Count, cursor);
            cursor = next;
            examined += entries.Length;
            var candidates = entries.Where(e => query.To is null || e.CreatedAt <= query.To).ToList();
            if (query.From is { } from && entries.Length > 0 && entries[^1].CreatedAt < from - OrderSlack)
            {
                cursor = null;
            }

            candidates = [.. candidates.Where(e => query.From is null || e.CreatedAt >= query.From)];
            var messages = await Task.WhenAll(candidates.Select(e => GrainFactory.GetGrain<IInboundMessageInternalGrain>(e.DeliveryId).GetSummaryAsync()));
            items.AddRange(messages.OfType<InboundMessage>().Where(m => query.Status is null || m.Status == query.Status));
        }
        while (cursor is not null && items.Count < query.Limit && examined < ScanBudget);

        return new InboundMessagePage([.. items], cursor);
    }

    public async Task<InboundStats> GetStatsAsync()
    {
        var monitor = GrainFactory.GetGrain<IIntegrationMonitorInternalGrain>(IIntegrationMonitorGrain.Key).GetInboundAsync();
        var deadLetter = GrainFactory.GetGrain<IInboundDeadLetterQueueInternalGrain>(IInboundDeadLetterQueueGrain.Key).CountAsync();
        var figures = await monitor;
        var queues = new InboundQueues { Received = figures.ReceivedQueue, Retrying = figures.RetryingQueue, DeadLetter = await deadLetter };
        var errorRate = figures.RecentAttempts == 0 ? 0 : Math.Round((double)figures.RecentFailedAttempts / figures.RecentAttempts, 4);
        var score = InboundHealthScore.Calculate(queues, errorRate);

        // Every provider is listed, with zeros until it has traffic, so the shape does not change.
        var providers = InboundProviders.All.ToDictionary(p => p, p => figures.Providers.GetValueOrDefault(p) ?? new InboundProviderStats(), StringComparer.Ordinal);
        return new InboundStats
        {
            Providers = providers,
            Queues = queues,
            ErrorRate = errorRate,
            HealthScore = score,
            Status = InboundHealthScore.Status(score),
        };
    }
}
