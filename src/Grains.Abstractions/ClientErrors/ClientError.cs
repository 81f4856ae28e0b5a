namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>A client error as stored.</summary>
[GenerateSerializer, Immutable, Alias("akademia.ClientError")]
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
