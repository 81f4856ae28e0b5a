namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Why an inbound webhook was refused or its processing failed. The processing codes are also the
/// <c>errorType</c> of inbound dead-letter entries.
/// </summary>
public static class InboundErrorCodes
{
    /// <summary>The signature is missing, malformed, outside the time tolerance or does not match. Not retried.</summary>
    public const string InvalidSignature = ErrorCodes.InvalidSignature;

    /// <summary>The body is not an event of the source's provider, or the platform refuses it as an event. Not retried.</summary>
    public const string MalformedPayload = ErrorCodes.MalformedPayload;

    /// <summary>Over the source's rate limit; the sender should retry after <c>Retry-After</c>.</summary>
    public const string RateLimitExceeded = ErrorCodes.RateLimitExceeded;

    /// <summary>The message's provider has no processor. Not retried.</summary>
    public const string NoProcessor = "NO_PROCESSOR";

    /// <summary>Processing did not finish within its time limit. Retried.</summary>
    public const string Timeout = ErrorCodes.Timeout;

    /// <summary>Storage or the cluster was unavailable. Retried.</summary>
    public const string ServiceUnavailable = ErrorCodes.ServiceUnavailable;

    /// <summary>Any other failure of the platform while processing (the 5xx class). Retried.</summary>
    public const string ProcessingError = "PROCESSING_ERROR";
}
