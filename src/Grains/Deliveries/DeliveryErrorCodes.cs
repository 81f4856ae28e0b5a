namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// Error codes recorded on attempts that got no usable HTTP answer.
/// </summary>
public static class DeliveryErrorCodes
{
    public const string Timeout = "TIMEOUT";
    public const string NetworkError = "NETWORK_ERROR";
    public const string ForbiddenDestination = "FORBIDDEN_DESTINATION";
    public const string CircuitBreakerOpen = "CIRCUIT_BREAKER_OPEN";
    public const string EndpointDeleted = "ENDPOINT_DELETED";
}
