namespace Akademia.Webhooks;

/// <summary>
/// Where a delivery stands.
/// </summary>
public enum DeliveryStatus
{
    /// <summary>Not yet delivered; an attempt is under way or scheduled.</summary>
    Pending = 0,

    /// <summary>A 2xx answer was received.</summary>
    Delivered = 1,

    /// <summary>Every attempt failed, or the failure was permanent; the delivery was archived.</summary>
    DeadLettered = 2,

    /// <summary>The endpoint was deleted before the delivery succeeded; nothing more is attempted.</summary>
    Canceled = 3,
}

/// <summary>
/// One HTTP attempt of a delivery.
/// </summary>
[GenerateSerializer, Alias("akademia.DeliveryAttempt")]
public sealed record DeliveryAttempt
{
    /// <summary>1-based attempt number.</summary>
    [Id(0)] public int Number { get; init; }

    /// <summary>When the attempt started.</summary>
    [Id(1)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time of the attempt in milliseconds.</summary>
    [Id(2)] public double DurationMs { get; init; }

    /// <summary>The HTTP status received, if any.</summary>
    [Id(3)] public int? StatusCode { get; init; }

    /// <summary>
    /// Why the attempt failed without (or despite) a status: <c>TIMEOUT</c>, <c>NETWORK_ERROR</c>, <c>HTTP_ERROR</c>, …
    /// </summary>
    [Id(4)] public string? ErrorCode { get; init; }

    /// <summary>Human-readable failure text.</summary>
    [Id(5)] public string? ErrorMessage { get; init; }

    /// <summary>The first kilobyte of the response body.</summary>
    [Id(6)] public string? ResponseBody { get; init; }

    /// <summary>The URL the attempt was sent to.</summary>
    [Id(7)] public string? Url { get; init; }

    /// <summary>The wait the receiver asked for with <c>Retry-After</c> on a 429 or 503, in seconds.</summary>
    [Id(8)] public double? RetryAfterSeconds { get; init; }

    /// <summary>Whether the attempt counts as a success.</summary>
    public bool Succeeded => ErrorCode is null && StatusCode is >= 200 and < 300;
}

/// <summary>
/// The delivery of one event to one endpoint, with its attempts.
/// </summary>
[GenerateSerializer, Alias("akademia.Delivery")]
public sealed record Delivery
{
    /// <summary>Delivery id; the first delivery of an event to an endpoint is <c>{eventId}:{endpointId}</c>.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The event delivered.</summary>
    [Id(1)] public required string EventId { get; init; }

    /// <summary>The endpoint delivered to.</summary>
    [Id(2)] public required string EndpointId { get; init; }

    /// <summary>The event's type.</summary>
    [Id(3)] public required string EventType { get; init; }

    /// <summary>The value of the <c>webhook-id</c> header, stable across retries and replays.</summary>
    [Id(4)] public required string WebhookId { get; init; }

    /// <summary>Where the delivery stands.</summary>
    [Id(5)] public DeliveryStatus Status { get; init; }

    /// <summary>Attempts so far, oldest first.</summary>
    [Id(6)] public DeliveryAttempt[] Attempts { get; init; } = [];

    /// <summary>When the delivery was created.</summary>
    [Id(7)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the delivery last changed.</summary>
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the next attempt is due, while pending.</summary>
    [Id(9)] public DateTimeOffset? NextAttemptAt { get; init; }
}

/// <summary>
/// One page of an endpoint's deliveries, newest first.
/// </summary>
[GenerateSerializer, Alias("akademia.DeliveryPage")]
public sealed record DeliveryPage(
    [property: Id(0)] Delivery[] Items,
    [property: Id(1)] string? NextCursor);
