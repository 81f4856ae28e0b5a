namespace Akademia.Webhooks;

/// <summary>
/// What a caller supplies to create a webhook endpoint.
/// </summary>
[GenerateSerializer, Alias("akademia.EndpointDefinition")]
public sealed record EndpointDefinition
{
    /// <summary>Absolute http or https URL the platform POSTs events to.</summary>
    [Id(0)] public required string Url { get; init; }

    /// <summary>Event types the endpoint subscribes to; <c>*</c> subscribes to every type.</summary>
    [Id(1)] public required string[] Events { get; init; }

    /// <summary>Whether deliveries are made. Defaults to <c>true</c>.</summary>
    [Id(2)] public bool Active { get; init; } = true;

    /// <summary>Free text for operators.</summary>
    [Id(3)] public string? Description { get; init; }

    /// <summary>Extra headers sent with every attempt. They cannot override the platform's own headers.</summary>
    [Id(4)] public Dictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// Signing secret in the form <c>whsec_</c> + base64 of 32 bytes. Generated when absent.
    /// </summary>
    [Id(5)] public string? Secret { get; init; }

    /// <summary>How failed attempts are retried; the platform's ladder when absent.</summary>
    [Id(6)] public RetryPolicy? RetryPolicy { get; init; }

    /// <summary>Where attempts go while the URL's breaker is open or its health is poor. Signed with the same secret.</summary>
    [Id(7)] public string? FailoverUrl { get; init; }

    /// <summary>The service level the endpoint's owner expects; compliance is reported.</summary>
    [Id(8)] public EndpointSla? Sla { get; init; }

    /// <summary>A cap on deliveries per second, cluster-wide; deliveries over it wait, they do not fail.</summary>
    [Id(9)] public EndpointRateLimit? RateLimit { get; init; }
}

/// <summary>
/// A partial update of an endpoint: only the non-null members change.
/// </summary>
[GenerateSerializer, Alias("akademia.EndpointPatch")]
public sealed record EndpointPatch
{
    /// <summary>New URL, when set.</summary>
    [Id(0)] public string? Url { get; init; }

    /// <summary>New subscription list, when set.</summary>
    [Id(1)] public string[]? Events { get; init; }

    /// <summary>Enables or disables deliveries, when set.</summary>
    [Id(2)] public bool? Active { get; init; }

    /// <summary>New description, when set.</summary>
    [Id(3)] public string? Description { get; init; }

    /// <summary>Replaces the custom headers, when set.</summary>
    [Id(4)] public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Replaces the retry policy, when set.</summary>
    [Id(5)] public RetryPolicy? RetryPolicy { get; init; }

    /// <summary>Replaces the failover URL, when set; an empty string removes it.</summary>
    [Id(6)] public string? FailoverUrl { get; init; }

    /// <summary>Replaces the SLA, when set.</summary>
    [Id(7)] public EndpointSla? Sla { get; init; }

    /// <summary>Replaces the delivery rate limit, when set.</summary>
    [Id(8)] public EndpointRateLimit? RateLimit { get; init; }

    /// <summary>Which live secret signs <c>X-Webhook-Signature</c> during a rotation window (<see cref="SpecSignatureSecrets"/>), when set.</summary>
    [Id(9)] public string? SignWith { get; init; }
}

/// <summary>
/// A webhook endpoint as every reader sees it. It never carries the signing secret.
/// </summary>
[GenerateSerializer, Alias("akademia.WebhookEndpoint")]
public sealed record WebhookEndpoint
{
    /// <summary>Endpoint id, <c>ep_…</c>.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>Target URL.</summary>
    [Id(1)] public required string Url { get; init; }

    /// <summary>Subscribed event types, or <c>*</c>.</summary>
    [Id(2)] public required string[] Events { get; init; }

    /// <summary>Whether deliveries are made.</summary>
    [Id(3)] public bool Active { get; init; }

    /// <summary>Free text for operators.</summary>
    [Id(4)] public string? Description { get; init; }

    /// <summary>Custom headers sent with every attempt.</summary>
    [Id(5)] public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>Creation time.</summary>
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Time of the last change.</summary>
    [Id(7)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Soft-deletion time; a deleted endpoint receives nothing.</summary>
    [Id(8)] public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>The state of the endpoint URL's circuit breaker; filled when one endpoint is read.</summary>
    [Id(9)] public CircuitBreakerSnapshot? CircuitBreaker { get; init; }

    /// <summary>How failed attempts are retried; <c>null</c> means the platform's ladder.</summary>
    [Id(10)] public RetryPolicy? RetryPolicy { get; init; }

    /// <summary>The failover URL, if any.</summary>
    [Id(11)] public string? FailoverUrl { get; init; }

    /// <summary>The expected service level, if any.</summary>
    [Id(12)] public EndpointSla? Sla { get; init; }

    /// <summary>Why the platform disabled the endpoint (410 Gone, or failing for too long); cleared on enable.</summary>
    [Id(13)] public string? DisabledReason { get; init; }

    /// <summary>When the platform disabled the endpoint.</summary>
    [Id(14)] public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>The configured delivery rate limit, if any.</summary>
    [Id(15)] public EndpointRateLimit? RateLimit { get; init; }

    /// <summary>The rate in force and how it adapted; filled when one endpoint is read.</summary>
    [Id(16)] public DeliveryRateSnapshot? DeliveryRate { get; init; }

    /// <summary>
    /// Which live secret signs <c>X-Webhook-Signature</c> during a rotation window:
    /// <see cref="SpecSignatureSecrets.New"/> (the default) or <see cref="SpecSignatureSecrets.Previous"/>.
    /// </summary>
    [Id(17)] public string SignWith { get; init; } = SpecSignatureSecrets.New;
}

/// <summary>
/// A per-endpoint delivery rate. Adaptive by default: it decreases when the receiver struggles
/// (strongly on 429, moderately on 5xx and timeouts, or when its rate-limit headers run low) and
/// recovers gradually on fast successes, between the bounds.
/// </summary>
[GenerateSerializer, Alias("akademia.EndpointRateLimit")]
public sealed record EndpointRateLimit
{
    /// <summary>Deliveries per second to start with.</summary>
    [Id(0)] public double PerSecond { get; init; }

    /// <summary>Whether the rate learns from the receiver (default true).</summary>
    [Id(1)] public bool Adaptive { get; init; } = true;

    /// <summary>Lowest rate adaptation may reach (default a tenth of <see cref="PerSecond"/>).</summary>
    [Id(2)] public double? MinPerSecond { get; init; }

    /// <summary>Highest rate adaptation may reach (default <see cref="PerSecond"/>).</summary>
    [Id(3)] public double? MaxPerSecond { get; init; }
}

/// <summary>One change of an endpoint's delivery rate.</summary>
[GenerateSerializer, Alias("akademia.RateAdjustment")]
public sealed record RateAdjustment(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] double From,
    [property: Id(2)] double To,
    [property: Id(3)] string Reason);

/// <summary>An endpoint's delivery rate as it stands.</summary>
[GenerateSerializer, Alias("akademia.DeliveryRateSnapshot")]
public sealed record DeliveryRateSnapshot
{
    /// <summary>Deliveries per second now allowed.</summary>
    [Id(0)] public double CurrentPerSecond { get; init; }

    /// <summary>The configured starting rate.</summary>
    [Id(1)] public double ConfiguredPerSecond { get; init; }

    /// <summary>When sending may resume, while the receiver asked for a pause.</summary>
    [Id(2)] public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>The latest adjustments, newest first.</summary>
    [Id(3)] public RateAdjustment[] Adjustments { get; init; } = [];

    /// <summary>Attempts in flight now.</summary>
    [Id(4)] public int InFlight { get; init; }

    /// <summary>Deliveries waiting for a slot or for the rate.</summary>
    [Id(5)] public int Waiting { get; init; }
}

/// <summary>
/// How an endpoint's failed attempts are retried.
/// </summary>
[GenerateSerializer, Alias("akademia.RetryPolicy")]
public sealed record RetryPolicy
{
    /// <summary><c>ladder</c> (default), <c>exponential</c>, <c>linear</c>, <c>polynomial</c> or <c>fibonacci</c>.</summary>
    [Id(0)] public string Strategy { get; init; } = "ladder";

    /// <summary>The unit of the computed strategies, in seconds (default 60).</summary>
    [Id(1)] public double? BaseDelaySeconds { get; init; }

    /// <summary>The longest wait, in seconds (default 7200).</summary>
    [Id(2)] public double? MaxDelaySeconds { get; init; }

    /// <summary>Attempts in all, the first included (default 7).</summary>
    [Id(3)] public int? MaxAttempts { get; init; }

    /// <summary>Each wait is scaled by a random factor within ± this (default 0.1).</summary>
    [Id(4)] public double? JitterFactor { get; init; }

    /// <summary>A custom ladder for the <c>ladder</c> strategy: waits in seconds before attempts 2, 3, …</summary>
    [Id(5)] public double[]? DelaysSeconds { get; init; }

    /// <summary>Statuses after which retrying is pointless; <c>410</c> is always among them.</summary>
    [Id(6)] public int[]? PermanentStatusCodes { get; init; }
}

/// <summary>
/// The service level expected of an endpoint.
/// </summary>
[GenerateSerializer, Alias("akademia.EndpointSla")]
public sealed record EndpointSla
{
    /// <summary>Least share of successful attempts, in percent (e.g. 99.5).</summary>
    [Id(0)] public double? MinAvailability { get; init; }

    /// <summary>Highest acceptable average response time, in milliseconds.</summary>
    [Id(1)] public double? MaxResponseTimeMs { get; init; }
}

/// <summary>
/// An endpoint's health over its recent attempts.
/// </summary>
[GenerateSerializer, Alias("akademia.EndpointHealth")]
public sealed record EndpointHealth
{
    /// <summary>The endpoint.</summary>
    [Id(0)] public required string EndpointId { get; init; }

    /// <summary>0–1, from error rate, average response time and timeout rate (the seed's thresholds).</summary>
    [Id(1)] public double Score { get; init; }

    /// <summary>Attempts in the window.</summary>
    [Id(2)] public int Attempts { get; init; }

    /// <summary>Failed attempts / attempts.</summary>
    [Id(3)] public double ErrorRate { get; init; }

    /// <summary>Timed-out attempts / attempts.</summary>
    [Id(4)] public double TimeoutRate { get; init; }

    /// <summary>Mean response time, in milliseconds.</summary>
    [Id(5)] public double AverageResponseTimeMs { get; init; }

    /// <summary>Failed attempts in a row.</summary>
    [Id(6)] public int ConsecutiveFailures { get; init; }

    /// <summary>Since when the endpoint has failed without a success, if it does.</summary>
    [Id(7)] public DateTimeOffset? FailingSince { get; init; }

    /// <summary>Whether the SLA is met; <c>null</c> without an SLA or attempts.</summary>
    [Id(8)] public bool? SlaCompliant { get; init; }

    /// <summary>The URL's circuit breaker.</summary>
    [Id(9)] public CircuitBreakerSnapshot? CircuitBreaker { get; init; }

    /// <summary>Whether deliveries are made.</summary>
    [Id(10)] public bool Active { get; init; }
}

/// <summary>
/// The answer to a secret rotation: the new secret, returned this once.
/// </summary>
[GenerateSerializer, Alias("akademia.RotatedSecret")]
public sealed record RotatedSecret(
    [property: Id(0)] string Secret,
    [property: Id(1)] DateTimeOffset PreviousSecretExpiresAt,
    [property: Id(2)] string SignWith = SpecSignatureSecrets.New);

/// <summary>
/// The outcome of sending a <c>webhook.test</c> event to an endpoint.
/// </summary>
[GenerateSerializer, Alias("akademia.WebhookTestResult")]
public sealed record WebhookTestResult
{
    /// <summary>Whether an attempt got a 2xx answer.</summary>
    [Id(0)] public bool Success { get; init; }

    /// <summary>The last HTTP status received.</summary>
    [Id(1)] public int? Status { get; init; }

    /// <summary>The start of the last response body.</summary>
    [Id(2)] public string? Response { get; init; }

    /// <summary>Attempts made (at most 4).</summary>
    [Id(3)] public int Attempts { get; init; }

    /// <summary>Why the test failed.</summary>
    [Id(4)] public string? Error { get; init; }

    /// <summary>The failure's code, such as <c>CIRCUIT_BREAKER_OPEN</c> or <c>TIMEOUT</c>.</summary>
    [Id(5)] public string? Code { get; init; }

    /// <summary>Every attempt.</summary>
    [Id(6)] public DeliveryAttempt[] AttemptHistory { get; init; } = [];
}

/// <summary>
/// The answer to a create: the endpoint and its signing secret, which is never returned again.
/// </summary>
[GenerateSerializer, Alias("akademia.CreatedEndpoint")]
public sealed record CreatedEndpoint(
    [property: Id(0)] WebhookEndpoint Endpoint,
    [property: Id(1)] string Secret);

/// <summary>
/// Identifiers the platform hands out.
/// </summary>
public static class WebhookIds
{
    /// <summary>A new endpoint id: <c>ep_</c> and 26 lowercase letters and digits.</summary>
    public static string NewEndpointId() => "ep_" + Guid.CreateVersion7().ToString("N")[..26];

    /// <summary>A new event id: <c>evt_</c> and 32 hex digits, ordered by time.</summary>
    public static string NewEventId() => "evt_" + Guid.CreateVersion7().ToString("N");

    /// <summary>The id of the first delivery of an event to an endpoint, also its idempotency key.</summary>
    public static string DeliveryId(string eventId, string endpointId) => $"{eventId}:{endpointId}";

    /// <summary>
    /// The endpoint id inside a delivery id. Endpoint ids contain no <c>:</c>, so it is the part
    /// after the last <c>:</c> of the first delivery, or before <c>:replay-n</c> of a replay.
    /// </summary>
    public static string EndpointOf(string deliveryId)
    {
        var parts = deliveryId.Split(':');
        return parts.Length >= 3 && parts[^1].StartsWith("replay-", StringComparison.Ordinal) ? parts[^2] : parts[^1];
    }
}
