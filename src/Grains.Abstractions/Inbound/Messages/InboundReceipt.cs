namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The answer to an inbound request.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundReceipt")]
public sealed record InboundReceipt
{
    /// <summary>What became of the request.</summary>
    [Id(0)] public InboundOutcome Outcome { get; init; }

    /// <summary>The stored message's id, when accepted or a duplicate.</summary>
    [Id(1)] public string? MessageId { get; init; }

    /// <summary>Why it was rejected: <c>INVALID_SIGNATURE</c>, <c>MALFORMED_PAYLOAD</c> or <c>RATE_LIMIT_EXCEEDED</c>.</summary>
    [Id(2)] public string? ErrorCode { get; init; }

    /// <summary>A description of the rejection for the sender. It never reveals a secret.</summary>
    [Id(3)] public string? Error { get; init; }

    /// <summary>Seconds until the rate limit's window ends, when rate-limited.</summary>
    [Id(4)] public int? RetryAfterSeconds { get; init; }
}
