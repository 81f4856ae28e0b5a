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
}

/// <summary>
/// The answer to a secret rotation: the new secret, returned this once.
/// </summary>
[GenerateSerializer, Alias("akademia.RotatedSecret")]
public sealed record RotatedSecret(
    [property: Id(0)] string Secret,
    [property: Id(1)] DateTimeOffset PreviousSecretExpiresAt);

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
