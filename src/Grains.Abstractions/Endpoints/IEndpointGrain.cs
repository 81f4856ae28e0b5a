namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One webhook endpoint; the key is the endpoint id.
/// </summary>
[Alias("akademia.IWebhookEndpointGrain")]
public interface IEndpointGrain : IGrainWithStringKey
{
    /// <summary>Creates the endpoint. Throws a <c>CONFLICT</c> error if it exists.</summary>
    [Alias("CreateAsync")]
    Task<CreatedEndpoint> CreateAsync(EndpointDefinition definition);

    /// <summary>The endpoint, or <c>null</c> when it does not exist or was deleted.</summary>
    [Alias("GetAsync")]
    Task<EndpointDetails?> GetAsync();

    /// <summary>The application the endpoint belongs to, or <c>null</c> when it does not exist or was deleted.</summary>
    [Alias("GetApplicationIdAsync"), ReadOnly]
    Task<string?> GetApplicationIdAsync();

    /// <summary>Applies a partial update. Throws <c>NOT_FOUND</c> when absent.</summary>
    [Alias("UpdateAsync")]
    Task<EndpointDetails> UpdateAsync(EndpointPatch patch);

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
    Task<EndpointTestResult> TestAsync();

    /// <summary>Closes the circuit breaker of the endpoint's URL.</summary>
    [Alias("ResetCircuitBreakerAsync")]
    Task<CircuitBreakerSnapshot> ResetCircuitBreakerAsync();

    /// <summary>Health, SLA compliance and breaker state over the recent attempts.</summary>
    [Alias("GetHealthAsync")]
    Task<EndpointHealth> GetHealthAsync();

    /// <summary>Re-enables an endpoint (also one the platform disabled); its pending deliveries resume.</summary>
    [Alias("EnableAsync")]
    Task<EndpointDetails> EnableAsync();
}
