using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Events;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>What a delivery that failed for good leaves behind: its dead letter and one operational event.</summary>
public static class DeliveryDeadLetters
{
    public static Task ArchiveAsync(IGrainFactory grainFactory, string deliveryId, DeliveryState settled, string url, string body, DateTimeOffset now)
    {
        var last = settled.Attempts[^1];
        return grainFactory.GetGrain<IDeadLetterInternalGrain>(deliveryId).ArchiveAsync(new DeadLetterEntry
        {
            Id = deliveryId,
            EventId = settled.EventId,
            EndpointId = settled.EndpointId,
            ApplicationId = settled.ApplicationId,
            EventType = settled.EventType,
            Url = last.Url ?? url,
            Payload = body,
            Status = last.StatusCode,
            Attempts = settled.Attempts.Length,
            ErrorMessage = last.ErrorMessage,
            ErrorCode = last.ErrorCode,
            FailedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
            AttemptHistory = settled.Attempts,
        });
    }

    // The occasion is the delivery: it is exhausted once (a replay that fails again is a new delivery).
    public static Task EmitExhaustedAsync(OperationalEventEmitter operationalEvents, string deliveryId, DeliveryState settled)
    {
        var last = settled.Attempts[^1];
        return operationalEvents.EmitAsync(OperationalEvents.DeliveryExhausted, settled.EndpointId, settled.ApplicationId, deliveryId, new Dictionary<string, object?>
        {
            ["endpointId"] = settled.EndpointId,
            ["deliveryId"] = deliveryId,
            ["eventId"] = settled.EventId,
            ["eventType"] = settled.EventType,
            ["attempts"] = settled.Attempts.Length,
            ["lastStatus"] = last.StatusCode,
            ["lastError"] = last.ErrorCode,
            ["url"] = last.Url,
        });
    }
}
