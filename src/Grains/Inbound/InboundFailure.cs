using Akademia.Webhooks.Grains.Hosting;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>What went wrong in a processing attempt, and whether trying again can help.</summary>
public sealed record InboundFailure(string Code, string Message, bool Retryable)
{
    /// <summary>
    /// Timeouts, unavailable storage or cluster and unexpected (5xx-class) errors are retried: they
    /// pass. A bad signature, a malformed payload, a missing processor or an event the platform refuses
    /// as invalid fail the same way every time, so they go to the dead-letter queue at once.
    /// </summary>
    public static InboundFailure Classify(Exception exception) => exception switch
    {
        InboundPayloadException payload => new(payload.Code, payload.Message, Retryable: false),
        ValidationFailedException validation => new(InboundErrorCodes.MalformedPayload, "The platform refused the event: " + validation.Message, Retryable: false),
        WebhookPlatformException { Code: ErrorCodes.ServiceUnavailable or ErrorCodes.Timeout or ErrorCodes.InternalServerError } platform =>
            new(platform.Code == ErrorCodes.InternalServerError ? InboundErrorCodes.ProcessingError : platform.Code, platform.Message, Retryable: true),
        // Any other platform refusal (not found, conflict, a bad signature…) is a 4xx: it would be refused again.
        WebhookPlatformException platform => new(platform.Code, platform.Message, Retryable: false),
        TimeoutException => new(InboundErrorCodes.Timeout, "Processing did not finish in time.", Retryable: true),
        SiloUnavailableException or OrleansMessageRejectionException => new(InboundErrorCodes.ServiceUnavailable, "The cluster is unavailable: " + exception.Message, Retryable: true),
        _ when StorageUnavailableFilter.IsStorageOutage(exception) => new(InboundErrorCodes.ServiceUnavailable, "Storage is unavailable.", Retryable: true),
        _ => new(InboundErrorCodes.ProcessingError, $"{exception.GetType().Name}: {exception.Message}", Retryable: true),
    };
}
