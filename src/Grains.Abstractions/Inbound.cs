using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Akademia.Webhooks;

/// <summary>
/// The providers an inbound source can verify and parse.
/// </summary>
public static class InboundProviders
{
    /// <summary>Stripe: <c>Stripe-Signature: t=…,v1=…</c>, one event per body.</summary>
    public const string Stripe = "stripe";

    /// <summary>GitHub: <c>X-Hub-Signature-256: sha256=…</c>, the event named by <c>X-GitHub-Event</c>.</summary>
    public const string GitHub = "github";

    /// <summary>Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>.</summary>
    public const string Standard = "standard";

    /// <summary>Any sender signing <c>sha256=</c> + hex HMAC-SHA256 of the body in a header of the source's choice.</summary>
    public const string Hmac = "hmac";

    /// <summary>Every provider, in the order the API lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Stripe, GitHub, Standard, Hmac];
}

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

/// <summary>
/// Rules for inbound source ids, shared by the gateway and the grains.
/// </summary>
public static partial class InboundSourceIds
{
    /// <summary>1–64 letters, digits, <c>_</c> or <c>-</c>.</summary>
    public const string Rule = "must be 1-64 letters, digits, '_' or '-'";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Whether <paramref name="id"/> is a valid source id.</summary>
    public static bool IsValid([NotNullWhen(true)] string? id) => id is not null && Pattern().IsMatch(id);
}

/// <summary>
/// What an operator supplies to create an inbound source: a third party that POSTs webhooks to
/// <c>/api/inbound/{id}</c>, authenticated by its signature.
/// </summary>
[GenerateSerializer, Alias("akademia.InboundSourceDefinition")]
public sealed record InboundSourceDefinition
{
    /// <summary>One of <see cref="InboundProviders"/>.</summary>
    [Id(0)] public required string Provider { get; init; }

    /// <summary>
    /// The signing secret the provider uses: Stripe's <c>whsec_…</c> endpoint secret, GitHub's webhook
    /// secret, a Standard Webhooks <c>whsec_</c> + base64 key (24–64 bytes), or the shared HMAC key.
    /// Stored encrypted and never returned.
    /// </summary>
    [Id(1)] public required string Secret { get; init; }

    /// <summary>Secrets still accepted while the provider rotates to <see cref="Secret"/> (at most 10).</summary>
    [Id(2)] public string[]? PreviousSecrets { get; init; }

    /// <summary>Requests accepted per minute, cluster-wide; 1000 when absent.</summary>
    [Id(3)] public int? RateLimitPerMinute { get; init; }

    /// <summary>Processing attempts before a message is dead-lettered; by provider when absent (Stripe 5, GitHub 7, others 5).</summary>
    [Id(4)] public int? MaxAttempts { get; init; }

    /// <summary>Prepended to the provider's event type to name the platform event type; <c>{provider}.</c> when absent.</summary>
    [Id(5)] public string? EventTypePrefix { get; init; }

    /// <summary>The header carrying <c>sha256=</c> + hex signature; <c>hmac</c> sources only, <c>X-Webhook-Signature</c> when absent.</summary>
    [Id(6)] public string? SignatureHeader { get; init; }
}

/// <summary>
/// A partial update of an inbound source: only the non-null members change. The provider cannot change.
/// </summary>
[GenerateSerializer, Alias("akademia.InboundSourcePatch")]
public sealed record InboundSourcePatch
{
    /// <summary>A new signing secret, when set.</summary>
    [Id(0)] public string? Secret { get; init; }

    /// <summary>Replaces the previous secrets, when set (an empty list removes them).</summary>
    [Id(1)] public string[]? PreviousSecrets { get; init; }

    /// <summary>A new rate limit, when set.</summary>
    [Id(2)] public int? RateLimitPerMinute { get; init; }

    /// <summary>New attempt budget for messages accepted from now on, when set.</summary>
    [Id(3)] public int? MaxAttempts { get; init; }

    /// <summary>A new event type prefix for messages accepted from now on, when set.</summary>
    [Id(4)] public string? EventTypePrefix { get; init; }

    /// <summary>A new signature header (<c>hmac</c> sources only), when set.</summary>
    [Id(5)] public string? SignatureHeader { get; init; }
}

/// <summary>
/// An inbound source as every reader sees it. It never carries a secret.
/// </summary>
[GenerateSerializer, Alias("akademia.InboundSource")]
public sealed record InboundSource
{
    /// <summary>Source id: the last segment of <c>/api/inbound/{id}</c>.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>One of <see cref="InboundProviders"/>.</summary>
    [Id(1)] public required string Provider { get; init; }

    /// <summary>Requests accepted per minute, cluster-wide.</summary>
    [Id(2)] public int RateLimitPerMinute { get; init; }

    /// <summary>Processing attempts before a message is dead-lettered.</summary>
    [Id(3)] public int MaxAttempts { get; init; }

    /// <summary>Prepended to the provider's event type.</summary>
    [Id(4)] public required string EventTypePrefix { get; init; }

    /// <summary>The signature header of an <c>hmac</c> source; <c>null</c> for the other providers.</summary>
    [Id(5)] public string? SignatureHeader { get; init; }

    /// <summary>How many previous secrets are still accepted.</summary>
    [Id(6)] public int PreviousSecretCount { get; init; }

    /// <summary>Creation time.</summary>
    [Id(7)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Time of the last change.</summary>
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// One inbound source; the key is its id.
/// </summary>
[Alias("akademia.IInboundSourceGrain")]
public interface IInboundSourceGrain : IGrainWithStringKey
{
    /// <summary>Creates the source. Throws <c>CONFLICT</c> if it exists, <see cref="ValidationFailedException"/> for bad input.</summary>
    [Alias("CreateAsync")]
    Task<InboundSource> CreateAsync(InboundSourceDefinition definition);

    /// <summary>The source, or <c>null</c> when it does not exist or was deleted.</summary>
    [Alias("GetAsync")]
    Task<InboundSource?> GetAsync();

    /// <summary>Applies a partial update. Throws <c>NOT_FOUND</c> when absent.</summary>
    [Alias("UpdateAsync")]
    Task<InboundSource> UpdateAsync(InboundSourcePatch patch);

    /// <summary>
    /// Deletes the source: its URL answers 404 from now on. Messages already accepted are still
    /// processed. Throws <c>NOT_FOUND</c> when absent.
    /// </summary>
    [Alias("DeleteAsync")]
    Task DeleteAsync();
}

/// <summary>
/// The set of inbound sources. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IInboundSourceDirectoryGrain")]
public interface IInboundSourceDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>Every source that is not deleted, oldest first.</summary>
    [Alias("ListAsync")]
    Task<InboundSource[]> ListAsync();
}

/// <summary>
/// One inbound HTTP request as received: the raw body and the request headers.
/// </summary>
[GenerateSerializer, Alias("akademia.InboundRequest")]
public sealed record InboundRequest
{
    /// <summary>The source the request was sent to.</summary>
    [Id(0)] public required string SourceId { get; init; }

    /// <summary>The body exactly as received: signatures are computed over these bytes.</summary>
    [Id(1)] public required byte[] Body { get; init; }

    /// <summary>Request headers by name (any case); repeated headers joined with commas.</summary>
    [Id(2)] public required Dictionary<string, string> Headers { get; init; }
}

/// <summary>What became of an inbound request.</summary>
public enum InboundOutcome
{
    /// <summary>Verified and durably stored; it will be processed (HTTP 202).</summary>
    Accepted = 0,

    /// <summary>The same message was accepted before; it is not processed again (HTTP 200).</summary>
    Duplicate = 1,

    /// <summary>Refused: see <see cref="InboundReceipt.ErrorCode"/> (HTTP 401, 400 or 429).</summary>
    Rejected = 2,

    /// <summary>No such source (HTTP 404).</summary>
    UnknownSource = 3,
}

/// <summary>
/// The answer to an inbound request.
/// </summary>
[GenerateSerializer, Alias("akademia.InboundReceipt")]
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

/// <summary>
/// The way in for inbound webhooks: verifies the signature, applies the source's rate limit,
/// deduplicates and stores the message, and answers before processing it. Stateless: call it with key 0.
/// </summary>
[Alias("akademia.IInboundReceiverGrain")]
public interface IInboundReceiverGrain : IGrainWithIntegerKey
{
    /// <summary>Receives one request. Throws <c>SERVICE_UNAVAILABLE</c> when the message cannot be stored.</summary>
    [Alias("ReceiveAsync")]
    Task<InboundReceipt> ReceiveAsync(InboundRequest request);
}

/// <summary>Where an inbound message stands.</summary>
public enum InboundMessageStatus
{
    /// <summary>Stored; not yet processed.</summary>
    Received = 0,

    /// <summary>A processing attempt is under way.</summary>
    Processing = 1,

    /// <summary>An attempt failed; another is scheduled (<see cref="InboundMessage.NextAttemptAt"/>).</summary>
    Retrying = 2,

    /// <summary>Published as a platform event.</summary>
    Processed = 3,

    /// <summary>Every attempt failed, or the failure was permanent; the message is in the inbound dead-letter queue.</summary>
    Failed = 4,
}

/// <summary>One processing attempt of an inbound message.</summary>
[GenerateSerializer, Alias("akademia.InboundAttempt")]
public sealed record InboundAttempt
{
    /// <summary>1-based attempt number since the message was accepted or last replayed.</summary>
    [Id(0)] public int Number { get; init; }

    /// <summary>When the attempt started.</summary>
    [Id(1)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time of the attempt in milliseconds.</summary>
    [Id(2)] public double DurationMs { get; init; }

    /// <summary>Why it failed, one of <see cref="InboundErrorCodes"/>; <c>null</c> when it succeeded.</summary>
    [Id(3)] public string? ErrorCode { get; init; }

    /// <summary>Human-readable failure text.</summary>
    [Id(4)] public string? ErrorMessage { get; init; }

    /// <summary>Whether the failure allows another attempt.</summary>
    [Id(5)] public bool Retryable { get; init; }

    /// <summary>Whether the attempt succeeded.</summary>
    public bool Succeeded => ErrorCode is null;
}

/// <summary>
/// An inbound message: one accepted webhook, its raw body and its processing.
/// </summary>
[GenerateSerializer, Alias("akademia.InboundMessage")]
public sealed record InboundMessage
{
    /// <summary>Message id, <c>{sourceId}:{dedupe key}</c>: the <c>webhookId</c> the sender was given.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The source it was sent to.</summary>
    [Id(1)] public required string SourceId { get; init; }

    /// <summary>The source's provider when it was accepted.</summary>
    [Id(2)] public required string Provider { get; init; }

    /// <summary>The provider's id (Stripe event id, GitHub delivery id, <c>webhook-id</c>) or <c>sha256_</c> + hex of source and body.</summary>
    [Id(3)] public required string DedupeKey { get; init; }

    /// <summary>Where the message stands.</summary>
    [Id(4)] public InboundMessageStatus Status { get; init; }

    /// <summary>The raw body as text (UTF-8), exactly as received; <c>null</c> in listings.</summary>
    [Id(5)] public string? Body { get; init; }

    /// <summary>The request headers stored with it (credentials excluded); empty in listings.</summary>
    [Id(6)] public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>When it was accepted.</summary>
    [Id(7)] public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When it last changed.</summary>
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Processing attempts since it was accepted or last replayed, oldest first.</summary>
    [Id(9)] public InboundAttempt[] Attempts { get; init; } = [];

    /// <summary>Attempts allowed before it is dead-lettered.</summary>
    [Id(10)] public int MaxAttempts { get; init; }

    /// <summary>When the next attempt is due, while received or retrying.</summary>
    [Id(11)] public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The platform event published for it, once processed.</summary>
    [Id(12)] public string? EventId { get; init; }

    /// <summary>The platform event type it was published as, once processed.</summary>
    [Id(13)] public string? EventType { get; init; }

    /// <summary>When it was processed.</summary>
    [Id(14)] public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>Times it was replayed from the dead-letter queue.</summary>
    [Id(15)] public int ReplayCount { get; init; }
}

/// <summary>
/// One inbound message; the key is its id.
/// </summary>
[Alias("akademia.IInboundMessageGrain")]
public interface IInboundMessageGrain : IGrainWithStringKey
{
    /// <summary>The message with its body and attempts, or <c>null</c> when there is none.</summary>
    [Alias("GetAsync"), AlwaysInterleave]
    Task<InboundMessage?> GetAsync();
}

/// <summary>Filters and paging for listing inbound messages.</summary>
[GenerateSerializer, Alias("akademia.InboundMessageQuery")]
public sealed record InboundMessageQuery
{
    /// <summary>Only messages of this source.</summary>
    [Id(0)] public string? SourceId { get; init; }

    /// <summary>Only messages in this status.</summary>
    [Id(1)] public InboundMessageStatus? Status { get; init; }

    /// <summary>Only messages received at or after this time.</summary>
    [Id(2)] public DateTimeOffset? From { get; init; }

    /// <summary>Only messages received at or before this time.</summary>
    [Id(3)] public DateTimeOffset? To { get; init; }

    /// <summary>Page size: 1–100.</summary>
    [Id(4)] public int Limit { get; init; } = 20;

    /// <summary>Where the previous page ended.</summary>
    [Id(5)] public string? Cursor { get; init; }
}

/// <summary>
/// One page of inbound messages, newest first. A page may hold fewer than the limit while
/// <see cref="NextCursor"/> is set: each page examines a bounded number of messages.
/// </summary>
[GenerateSerializer, Alias("akademia.InboundMessagePage")]
public sealed record InboundMessagePage(
    [property: Id(0)] InboundMessage[] Items,
    [property: Id(1)] string? NextCursor);

/// <summary>
/// An inbound message whose processing failed for good, kept for inspection and replay. Its id is the message id.
/// </summary>
[GenerateSerializer, Alias("akademia.InboundDeadLetter")]
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
}

/// <summary>Filters and paging for listing and batch-replaying the inbound dead-letter queue.</summary>
[GenerateSerializer, Alias("akademia.InboundDeadLetterQuery")]
public sealed record InboundDeadLetterQuery
{
    /// <summary>Only entries of this provider.</summary>
    [Id(0)] public string? Provider { get; init; }

    /// <summary>Only entries of this source.</summary>
    [Id(1)] public string? SourceId { get; init; }

    /// <summary>Only entries with this error code (<see cref="InboundErrorCodes"/>).</summary>
    [Id(2)] public string? ErrorType { get; init; }

    /// <summary>Only entries that failed at or after this time.</summary>
    [Id(3)] public DateTimeOffset? From { get; init; }

    /// <summary>Only entries that failed at or before this time.</summary>
    [Id(4)] public DateTimeOffset? To { get; init; }

    /// <summary>Also list entries already replayed (never replayed again by a batch).</summary>
    [Id(5)] public bool IncludeReplayed { get; init; }

    /// <summary>Page size, or batch size for a replay: 1–100.</summary>
    [Id(6)] public int Limit { get; init; } = 20;

    /// <summary>Where the previous page ended.</summary>
    [Id(7)] public string? Cursor { get; init; }
}

/// <summary>One page of inbound dead-letter entries, most recently failed first.</summary>
[GenerateSerializer, Alias("akademia.InboundDeadLetterPage")]
public sealed record InboundDeadLetterPage(
    [property: Id(0)] InboundDeadLetter[] Items,
    [property: Id(1)] string? NextCursor);

/// <summary>The outcome of replaying one inbound dead-letter entry.</summary>
/// <param name="WebhookId">The message id.</param>
/// <param name="Status"><c>replaying</c> (queued for processing again) or <c>replay_failed</c>.</param>
/// <param name="Message">What happened.</param>
/// <param name="Error">The error code when the replay failed.</param>
[GenerateSerializer, Alias("akademia.InboundReplayResult")]
public sealed record InboundReplayResult(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] string Status,
    [property: Id(2)] string Message,
    [property: Id(3)] string? Error = null)
{
    /// <summary>The status of a replay that queued the message for processing.</summary>
    public const string Replaying = "replaying";

    /// <summary>The status of a replay that did not happen.</summary>
    public const string ReplayFailed = "replay_failed";
}

/// <summary>The outcome of a batch replay.</summary>
[GenerateSerializer, Alias("akademia.InboundBatchReplayResult")]
public sealed record InboundBatchReplayResult(
    [property: Id(0)] int Total,
    [property: Id(1)] int Successful,
    [property: Id(2)] int Failed,
    [property: Id(3)] InboundReplayResult[] Results);

/// <summary>
/// The inbound dead-letter queue as a whole. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IInboundDeadLetterQueueGrain")]
public interface IInboundDeadLetterQueueGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>Entries matching the query, most recently failed first.</summary>
    [Alias("ListAsync")]
    Task<InboundDeadLetterPage> ListAsync(InboundDeadLetterQuery query);

    /// <summary>
    /// Replays up to <see cref="InboundDeadLetterQuery.Limit"/> entries in the queue matching the query.
    /// An entry replayed meanwhile by another call is reported as failed (<c>CONFLICT</c>).
    /// </summary>
    /// <remarks>Interleaves: each replayed entry updates this queue's index while the batch is still running.</remarks>
    [Alias("ReplayAsync"), AlwaysInterleave]
    Task<InboundBatchReplayResult> ReplayAsync(InboundDeadLetterQuery query);
}

/// <summary>
/// One inbound dead-letter entry; the key is the message id.
/// </summary>
[Alias("akademia.IInboundDeadLetterGrain")]
public interface IInboundDeadLetterGrain : IGrainWithStringKey
{
    /// <summary>The entry, or <c>null</c> when there is none.</summary>
    [Alias("GetAsync")]
    Task<InboundDeadLetter?> GetAsync();

    /// <summary>
    /// Queues the message for processing again, with a fresh attempt budget; the platform event keeps
    /// its id, so endpoints never get it twice. Throws <c>NOT_FOUND</c> when absent and
    /// <c>CONFLICT</c> when it was already replayed.
    /// </summary>
    [Alias("ReplayAsync")]
    Task<InboundReplayResult> ReplayAsync();
}

/// <summary>One provider's inbound figures since the monitor started.</summary>
[GenerateSerializer, Alias("akademia.InboundProviderStats")]
public sealed record InboundProviderStats
{
    /// <summary>Messages accepted (202).</summary>
    [Id(0)] public long Received { get; init; }

    /// <summary>Requests refused, by reason (<c>INVALID_SIGNATURE</c>, <c>RATE_LIMIT_EXCEEDED</c>, <c>MALFORMED_PAYLOAD</c>).</summary>
    [Id(1)] public Dictionary<string, long> Rejected { get; init; } = [];

    /// <summary>Requests answered as duplicates.</summary>
    [Id(2)] public long Duplicates { get; init; }

    /// <summary>Messages processed.</summary>
    [Id(3)] public long Processed { get; init; }

    /// <summary>Messages dead-lettered.</summary>
    [Id(4)] public long Failed { get; init; }

    /// <summary>Failed attempts followed by a retry.</summary>
    [Id(5)] public long Retries { get; init; }

    /// <summary>Mean duration of successful processing attempts, in milliseconds.</summary>
    [Id(6)] public double AverageProcessingTimeMs { get; init; }
}

/// <summary>Inbound messages waiting, by queue.</summary>
[GenerateSerializer, Alias("akademia.InboundQueues")]
public sealed record InboundQueues
{
    /// <summary>Accepted, not yet attempted.</summary>
    [Id(0)] public long Received { get; init; }

    /// <summary>Waiting for a retry.</summary>
    [Id(1)] public long Retrying { get; init; }

    /// <summary>In the dead-letter queue (not replayed).</summary>
    [Id(2)] public long DeadLetter { get; init; }
}

/// <summary>Inbound webhook figures and health.</summary>
[GenerateSerializer, Alias("akademia.InboundStats")]
public sealed record InboundStats
{
    /// <summary>Figures per provider.</summary>
    [Id(0)] public Dictionary<string, InboundProviderStats> Providers { get; init; } = [];

    /// <summary>Queue sizes.</summary>
    [Id(1)] public required InboundQueues Queues { get; init; }

    /// <summary>Failed processing attempts / all attempts over the recent window (0–1); 0 without attempts.</summary>
    [Id(2)] public double ErrorRate { get; init; }

    /// <summary>0–100: 100, less 20 for more than 1000 received, 15 for more than 500 retrying, 25 for more than 100 dead-lettered, 30 for an error rate above 10 % and 15 above 5 %.</summary>
    [Id(3)] public int HealthScore { get; init; }

    /// <summary><c>healthy</c> at a score of 70 or more, otherwise <c>degraded</c>.</summary>
    [Id(4)] public required string Status { get; init; }
}

/// <summary>
/// Inbound operations as a whole. Stateless: call it with key 0.
/// </summary>
[Alias("akademia.IInboundAdminGrain")]
public interface IInboundAdminGrain : IGrainWithIntegerKey
{
    /// <summary>Messages matching the query, newest first, without bodies.</summary>
    [Alias("ListMessagesAsync")]
    Task<InboundMessagePage> ListMessagesAsync(InboundMessageQuery query);

    /// <summary>Figures per provider, queue sizes and the health score.</summary>
    [Alias("GetStatsAsync")]
    Task<InboundStats> GetStatsAsync();
}
