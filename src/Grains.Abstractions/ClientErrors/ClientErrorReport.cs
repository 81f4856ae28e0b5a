namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// An error a client (typically a browser) reports about itself. Only <see cref="Message"/> is
/// required; every member is bounded, because anyone may report.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.ClientErrorReport")]
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
