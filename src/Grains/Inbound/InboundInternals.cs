namespace Akademia.Webhooks.Grains.Inbound;

// Silo-internal grain interfaces and messages of inbound webhooks: public only because Orleans' code
// generator needs them to be; not part of the Grains.Abstractions contract.

/// <summary>What the receiver needs to verify a source's requests, including its secrets in clear.</summary>
[GenerateSerializer, Alias("akademia.internal.InboundSourceConfig")]
public sealed record InboundSourceConfig
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Provider { get; init; }

    /// <summary>The current secret first, then the previous ones.</summary>
    [Id(2)] public required string[] Secrets { get; init; }

    [Id(3)] public int RateLimitPerMinute { get; init; }

    [Id(4)] public int MaxAttempts { get; init; }

    [Id(5)] public required string EventTypePrefix { get; init; }

    [Id(6)] public string? SignatureHeader { get; init; }
}

[Alias("akademia.internal.IInboundSourceConfigGrain")]
public interface IInboundSourceConfigGrain : IGrainWithStringKey
{
    /// <summary>The live source's configuration; <c>null</c> when it does not exist or was deleted.</summary>
    [Alias("GetConfigAsync"), ReadOnly]
    Task<InboundSourceConfig?> GetConfigAsync();
}

[Alias("akademia.internal.IInboundSourceIndexGrain")]
public interface IInboundSourceIndexGrain : IGrainWithStringKey
{
    [Alias("UpsertAsync")]
    Task UpsertAsync(InboundSource source, bool deleted);
}

/// <summary>A verified request, to be stored as a message unless it is a duplicate.</summary>
[GenerateSerializer, Alias("akademia.internal.InboundAcceptance")]
public sealed record InboundAcceptance
{
    [Id(0)] public required string SourceId { get; init; }

    [Id(1)] public required string Provider { get; init; }

    [Id(2)] public required string DedupeKey { get; init; }

    [Id(3)] public required byte[] Body { get; init; }

    [Id(4)] public required Dictionary<string, string> Headers { get; init; }

    [Id(5)] public int MaxAttempts { get; init; }

    [Id(6)] public required string EventTypePrefix { get; init; }
}

[Alias("akademia.internal.IInboundMessageWorkerGrain")]
public interface IInboundMessageWorkerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the message and schedules its processing, unless it exists: then it is a duplicate and
    /// nothing changes. True when this call stored it.
    /// </summary>
    [Alias("AcceptAsync")]
    Task<bool> AcceptAsync(InboundAcceptance acceptance);

    /// <summary>Gives a failed message a fresh attempt budget and schedules it. Throws <c>CONFLICT</c> unless it failed.</summary>
    [Alias("ReplayAsync")]
    Task ReplayAsync();

    /// <summary>The message without its body and headers, for listings.</summary>
    [Alias("GetSummaryAsync"), AlwaysInterleave]
    Task<InboundMessage?> GetSummaryAsync();
}

[Alias("akademia.internal.IInboundDeadLetterArchiveGrain")]
public interface IInboundDeadLetterArchiveGrain : IGrainWithStringKey
{
    /// <summary>Stores the failure; a message failing again after a replay adds its new attempts to the history.</summary>
    [Alias("ArchiveAsync")]
    Task ArchiveAsync(InboundDeadLetter failure);
}

[GenerateSerializer, Alias("akademia.internal.InboundDeadLetterSummary")]
public sealed record InboundDeadLetterSummary : DeadLetters.IDeadLetterSummary
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string SourceId { get; init; }

    [Id(2)] public required string Provider { get; init; }

    [Id(3)] public required string ErrorCode { get; init; }

    [Id(4)] public DateTimeOffset FailedAt { get; init; }

    [Id(5)] public bool Replayed { get; init; }

    public static InboundDeadLetterSummary Of(InboundDeadLetter entry) => new()
    {
        Id = entry.Id,
        SourceId = entry.SourceId,
        Provider = entry.Provider,
        ErrorCode = entry.ErrorCode,
        FailedAt = entry.FailedAt,
        Replayed = entry.ReplayedAt is not null,
    };
}

[Alias("akademia.internal.IInboundDeadLetterIndexGrain")]
public interface IInboundDeadLetterIndexGrain : IGrainWithStringKey
{
    [Alias("UpsertAsync")]
    Task UpsertAsync(InboundDeadLetterSummary summary);

    /// <summary>Entries in the queue: dead-lettered and not replayed.</summary>
    [Alias("CountAsync"), ReadOnly]
    Task<long> CountAsync();
}

/// <summary>Keys of the message logs (kept by the delivery-log grains, which page any id log newest first).</summary>
public static class InboundLogs
{
    /// <summary>Every message. Endpoint ids cannot contain <c>:</c>, so these keys never meet an endpoint's log.</summary>
    public const string All = "inbound:*";

    public static string OfSource(string sourceId) => "inbound:" + sourceId;
}
