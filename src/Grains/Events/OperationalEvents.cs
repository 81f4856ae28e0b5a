namespace Akademia.Webhooks.Grains.Events;

/// <summary>
/// Events the platform publishes about itself. Operators subscribe to them like any other type; an
/// event about an endpoint is never delivered to that endpoint.
/// </summary>
public static class OperationalEvents
{
    public const string EndpointFailing = "webhook.endpoint.failing";
    public const string DeliveryExhausted = "webhook.delivery.exhausted";
    public const string EndpointRecovered = "webhook.endpoint.recovered";
    public const string EndpointDisabled = "webhook.endpoint.disabled";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
}
