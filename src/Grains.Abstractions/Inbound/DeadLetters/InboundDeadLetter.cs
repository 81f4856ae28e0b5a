namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// An inbound message whose processing failed for good, kept for inspection and replay. Its id is the message id.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundDeadLetter")]
public sealed record InboundDeadLetter
{
    /// <summary>Entry id: the id of the message.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The message's source.</summary>
    [Id(1)] public required string SourceId { get; init; }

    /// <summary>The message's provider.</summary>
    [Id(2)] public required string Provider { get; init; }

    /// <summary>Why the last attempt failed, one of <see cref="InboundErrorCodes"/>: the entry's error type.</summary>
    [Id(3)] public required string ErrorCode { get; init; }

    /// <summary>Human-readable failure text.</summary>
    [Id(4)] public string? ErrorMessage { get; init; }

    /// <summary>Attempts made in the failed round.</summary>
    [Id(5)] public int Attempts { get; init; }

    /// <summary>When the message failed (last time).</summary>
    [Id(6)] public DateTimeOffset FailedAt { get; init; }

    /// <summary>When the entry was created.</summary>
    [Id(7)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the entry last changed.</summary>
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it was last replayed; <c>null</c> while it is in the queue.</summary>
    [Id(9)] public DateTimeOffset? ReplayedAt { get; init; }

    /// <summary>Replays made so far.</summary>
    [Id(10)] public int ReplayCount { get; init; }

    /// <summary>Every failed attempt, across replays, oldest first.</summary>
    [Id(11)] public InboundAttempt[] AttemptHistory { get; init; } = [];

    /// <summary>The application of the message's source; entries stored before applications existed belong to <see cref="ApplicationIds.Default"/>.</summary>
    [Id(12)] public string ApplicationId { get; init; } = ApplicationIds.Default;
}
