namespace Akademia.Webhooks;

/// <summary>
/// Publishes events. Stateless and scaled out on every silo: call it with key 0.
/// </summary>
[Alias("akademia.IEventPublisherGrain")]
public interface IEventPublisherGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Validates and durably stores the event, then schedules its deliveries. It answers before any
    /// delivery is attempted. Throws <see cref="ValidationFailedException"/> for bad input, and a
    /// <see cref="WebhookPlatformException"/> with code <c>CONFLICT</c> (its <c>Details["eventId"]</c>
    /// naming the event) when the id, or the idempotency key, was used for a different request.
    /// </summary>
    [Alias("PublishAsync")]
    Task<PublishResult> PublishAsync(PublishRequest request);
}

/// <summary>
/// One webhook endpoint; the key is the endpoint id.
/// </summary>
[Alias("akademia.IWebhookEndpointGrain")]
public interface IWebhookEndpointGrain : IGrainWithStringKey
{
    /// <summary>Creates the endpoint. Throws a <c>CONFLICT</c> error if it exists.</summary>
    [Alias("CreateAsync")]
    Task<CreatedEndpoint> CreateAsync(EndpointDefinition definition);

    /// <summary>The endpoint, or <c>null</c> when it does not exist or was deleted.</summary>
    [Alias("GetAsync")]
    Task<WebhookEndpoint?> GetAsync();

    /// <summary>Applies a partial update. Throws <c>NOT_FOUND</c> when absent.</summary>
    [Alias("UpdateAsync")]
    Task<WebhookEndpoint> UpdateAsync(EndpointPatch patch);

    /// <summary>Soft-deletes the endpoint. Throws <c>NOT_FOUND</c> when absent.</summary>
    [Alias("DeleteAsync")]
    Task DeleteAsync();

    /// <summary>The endpoint's deliveries, newest first. <paramref name="limit"/> is 1–100.</summary>
    [Alias("ListDeliveriesAsync")]
    Task<DeliveryPage> ListDeliveriesAsync(int limit, string? cursor);

    /// <summary>
    /// Replaces the signing secret. For the rotation window attempts are also signed with the
    /// previous secrets. Throws <c>CONFLICT</c> when 10 previous secrets are still in their window.
    /// </summary>
    [Alias("RotateSecretAsync")]
    Task<RotatedSecret> RotateSecretAsync();

    /// <summary>
    /// Like <see cref="RotateSecretAsync()"/>, and sets which live secret signs <c>X-Webhook-Signature</c>
    /// during the window. Throws <see cref="ValidationFailedException"/> for an unknown choice.
    /// </summary>
    [Alias("RotateSecretWithAsync")]
    Task<RotatedSecret> RotateSecretAsync(SecretRotation rotation);

    /// <summary>
    /// Sends a <c>webhook.test</c> event to this endpoint only, with up to 4 attempts 1 s, 2 s and 3 s
    /// apart. Fails at once without retrying while the URL's circuit breaker is open.
    /// </summary>
    [Alias("TestAsync"), AlwaysInterleave, ResponseTimeout("00:03:00")]
    Task<WebhookTestResult> TestAsync();

    /// <summary>Closes the circuit breaker of the endpoint's URL.</summary>
    [Alias("ResetCircuitBreakerAsync")]
    Task<CircuitBreakerSnapshot> ResetCircuitBreakerAsync();

    /// <summary>Health, SLA compliance and breaker state over the recent attempts.</summary>
    [Alias("GetHealthAsync")]
    Task<EndpointHealth> GetHealthAsync();

    /// <summary>Re-enables an endpoint (also one the platform disabled); its pending deliveries resume.</summary>
    [Alias("EnableAsync")]
    Task<WebhookEndpoint> EnableAsync();
}

/// <summary>
/// Operations on deliveries as a whole. Stateless: call it with key 0.
/// </summary>
[Alias("akademia.IDeliveryAdminGrain")]
public interface IDeliveryAdminGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Makes every pending delivery whose next attempt is due attempt now, or every pending delivery
    /// when <paramref name="force"/>. Returns how many were started.
    /// </summary>
    [Alias("ProcessPendingAsync")]
    Task<int> ProcessPendingAsync(bool force);
}

/// <summary>
/// The set of endpoints. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IEndpointDirectoryGrain")]
public interface IEndpointDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>Every endpoint that is not deleted, oldest first.</summary>
    [Alias("ListAsync")]
    Task<WebhookEndpoint[]> ListAsync();

    /// <summary>The health of every endpoint that is not deleted, worst first.</summary>
    [Alias("ListHealthAsync")]
    Task<EndpointHealth[]> ListHealthAsync();
}

/// <summary>
/// The registry of event types: the built-in ones plus those registered. Use key <see cref="Key"/>.
/// </summary>
[Alias("akademia.IEventTypeRegistryGrain")]
public interface IEventTypeRegistryGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>Every known type, by name.</summary>
    [Alias("ListAsync")]
    Task<EventType[]> ListAsync();

    /// <summary>Registers a type; registering a known name again returns it unchanged.</summary>
    [Alias("RegisterAsync")]
    Task<EventType> RegisterAsync(string name, string? description);
}

/// <summary>
/// One delivery of one event to one endpoint; the key is the delivery id.
/// </summary>
[Alias("akademia.IDeliveryGrain")]
public interface IDeliveryGrain : IGrainWithStringKey
{
    /// <summary>The delivery with its attempts, or <c>null</c> when there is none.</summary>
    [Alias("GetAsync"), AlwaysInterleave]
    Task<Delivery?> GetAsync();
}

/// <summary>
/// The health of one part of the platform.
/// </summary>
[GenerateSerializer, Alias("akademia.ComponentHealth")]
public sealed record ComponentHealth(
    [property: Id(0)] string Status,
    [property: Id(1)] string? Detail);

/// <summary>
/// The platform's health as the cluster sees it, with the specification's indicators.
/// </summary>
[GenerateSerializer, Alias("akademia.PlatformHealth")]
public sealed record PlatformHealth
{
    /// <summary>
    /// <c>healthy</c>; <c>degraded</c> when deliveries fail, a breaker is open or many requests are
    /// rate-limited (the platform itself works); <c>unhealthy</c> when storage rejects writes.
    /// </summary>
    [Id(0)] public required string Status { get; init; }

    /// <summary>Whether grain storage accepts writes.</summary>
    [Id(1)] public required ComponentHealth Storage { get; init; }

    /// <summary>Silos in the cluster that are active.</summary>
    [Id(2)] public int ActiveSilos { get; init; }

    /// <summary><c>CLOSED (healthy)</c>, or <c>OPEN (degraded)</c> with the number of open breakers.</summary>
    [Id(3)] public required string CircuitBreaker { get; init; }

    /// <summary>Attempt success rate over the recent window: ≥ 95 % healthy, 80–95 % degraded, below unhealthy.</summary>
    [Id(4)] public required string Webhook { get; init; }

    /// <summary>The recent attempt success rate in percent; <c>null</c> when there were no attempts.</summary>
    [Id(5)] public double? WebhookSuccessRate { get; init; }

    /// <summary>Block rate: below 1 % healthy, 1–5 % elevated, above high.</summary>
    [Id(6)] public required string RateLimiting { get; init; }

    /// <summary>Blocked requests in percent.</summary>
    [Id(7)] public double BlockRate { get; init; }

    /// <summary>Inbound webhooks: queues and the health score; a score below 70 makes the platform <c>degraded</c>.</summary>
    [Id(8)] public InboundStats? Inbound { get; init; }
}

/// <summary>
/// Health checks run inside the cluster. Stateless: call it with key 0.
/// </summary>
[Alias("akademia.IPlatformHealthGrain")]
public interface IPlatformHealthGrain : IGrainWithIntegerKey
{
    /// <summary>Checks storage with a write, counts active silos and judges the monitor's figures.</summary>
    [Alias("CheckAsync")]
    Task<PlatformHealth> CheckAsync();
}
