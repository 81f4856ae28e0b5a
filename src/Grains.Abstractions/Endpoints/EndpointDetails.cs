namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// A webhook endpoint as every reader sees it. It never carries the signing secret.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.WebhookEndpoint")]
public sealed record EndpointDetails
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

    /// <summary>The application the endpoint belongs to; state stored before applications existed belongs to <see cref="ApplicationIds.Default"/>.</summary>
    [Id(18)] public string ApplicationId { get; init; } = ApplicationIds.Default;
}
