namespace Akademia.Webhooks;

/// <summary>
/// Publishes events. Stateless and scaled out on every silo: call it with key 0.
/// </summary>
[Alias("akademia.IEventPublisherGrain")]
public interface IEventPublisherGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Validates and durably stores the event, then schedules its deliveries. It answers before any
    /// delivery is attempted. Throws <see cref="ValidationFailedException"/> for bad input.
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
