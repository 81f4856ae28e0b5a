namespace Akademia.Webhooks;

/// <summary>
/// An error a client (typically a browser) reports about itself. Only <see cref="Message"/> is
/// required; every member is bounded, because anyone may report.
/// </summary>
[GenerateSerializer, Alias("akademia.ClientErrorReport")]
public sealed record ClientErrorReport
{
    /// <summary>What went wrong: required, at most 2 KB of UTF-8.</summary>
    [Id(0)] public string? Message { get; init; }

    /// <summary>The stack trace: at most 16 KB of UTF-8.</summary>
    [Id(1)] public string? Stack { get; init; }

    /// <summary>The page the error happened on: an absolute http(s) URL of at most 2,048 characters.</summary>
    [Id(2)] public string? Url { get; init; }

    /// <summary>The client's user agent: at most 512 characters.</summary>
    [Id(3)] public string? UserAgent { get; init; }

    /// <summary>When it happened by the client's clock: ISO-8601 with a zone, such as <c>2025-05-01T12:00:00.000Z</c>.</summary>
    [Id(4)] public string? Timestamp { get; init; }

    /// <summary>The text of a JSON object with whatever else the client adds: at most 8 KB of UTF-8.</summary>
    [Id(5)] public string? Context { get; init; }
}

/// <summary>A client error as stored.</summary>
[GenerateSerializer, Alias("akademia.ClientError")]
public sealed record ClientError
{
    /// <summary>Its id: <c>ce_</c> and 32 hex digits, ordered by time.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>What went wrong.</summary>
    [Id(1)] public required string Message { get; init; }

    /// <summary>The stack trace, if reported.</summary>
    [Id(2)] public string? Stack { get; init; }

    /// <summary>The page's URL, if reported.</summary>
    [Id(3)] public string? Url { get; init; }

    /// <summary>The client's user agent, if reported.</summary>
    [Id(4)] public string? UserAgent { get; init; }

    /// <summary>When it happened by the client's clock, if reported.</summary>
    [Id(5)] public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The text of the JSON object the client added, if any.</summary>
    [Id(6)] public string? Context { get; init; }

    /// <summary>When the platform received it.</summary>
    [Id(7)] public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>
/// The cluster-wide log of client errors: the most recent ones (1,000 unless configured with
/// <c>ClientErrors:Capacity</c>), oldest dropped first. Each is also counted in the integration
/// monitor with code <see cref="ClientErrorCode"/>. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IClientErrorLogGrain")]
public interface IClientErrorLogGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>The code client errors are counted under in the integration monitor.</summary>
    const string ClientErrorCode = "CLIENT_ERROR";

    /// <summary>
    /// Validates and stores a report. Throws <see cref="ValidationFailedException"/> naming each bad
    /// member (<c>message</c>, <c>stack</c>, <c>url</c>, <c>userAgent</c>, <c>timestamp</c>, <c>context</c>).
    /// </summary>
    [Alias("RecordAsync")]
    Task<ClientError> RecordAsync(ClientErrorReport report);

    /// <summary>The most recent errors, newest first. <paramref name="limit"/> is 1–100.</summary>
    [Alias("ListAsync"), ReadOnly]
    Task<ClientError[]> ListAsync(int limit);
}
