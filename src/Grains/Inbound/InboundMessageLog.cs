using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>What <see cref="InboundMessageGrain"/> logs about a message's processing.</summary>
internal static partial class InboundMessageLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook processed successfully: {MessageId} published as {EventType} ({EventId})")]
    public static partial void Processed(ILogger logger, string messageId, string eventType, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook queued for retry: {MessageId} (attempt {Attempt}/{MaxAttempts}, {ErrorCode}); next at {NextAttemptAt}")]
    public static partial void Retrying(ILogger logger, string messageId, int attempt, int maxAttempts, string errorCode, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook moved to dead letter queue: {MessageId} after {Attempts} attempts ({ErrorCode}: {Error})")]
    public static partial void DeadLettered(ILogger logger, string messageId, int attempts, string errorCode, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook queued for replay: {MessageId}")]
    public static partial void Replaying(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outcome of inbound message {MessageId} not stored, the reminder will retry: {Reason}")]
    public static partial void RecordFailed(ILogger logger, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound message {MessageId} not yet listed: {Reason}")]
    public static partial void ListingFailed(ILogger logger, string messageId, string reason);
}
