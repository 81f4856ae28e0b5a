namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The platform's error codes, as the HTTP API reports them.
/// </summary>
public static class ErrorCodes
{
    /// <summary>400: invalid input.</summary>
    public const string ValidationError = "VALIDATION_ERROR";

    /// <summary>400: malformed request.</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>401: no valid credentials.</summary>
    public const string Unauthorized = "UNAUTHORIZED";

    /// <summary>403: the credentials' role does not allow the operation.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>429: over a rate limit.</summary>
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";

    /// <summary>408 or 504: the request took too long.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>404: no such resource.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>409: the request conflicts with the resource's state.</summary>
    public const string Conflict = "CONFLICT";

    /// <summary>413: the body is too large.</summary>
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";

    /// <summary>503: a dependency is down.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    /// <summary>500: unexpected failure.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>401: an inbound webhook's signature is missing, malformed, expired or does not match.</summary>
    public const string InvalidSignature = "INVALID_SIGNATURE";

    /// <summary>400: an inbound webhook's body is not an event of its source's provider.</summary>
    public const string MalformedPayload = "MALFORMED_PAYLOAD";
}
