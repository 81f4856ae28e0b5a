namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// What a caller supplies to create a webhook endpoint.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.EndpointDefinition")]
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

    /// <summary>The application the endpoint belongs to, which must exist; <c>null</c> means <see cref="ApplicationIds.Default"/>.</summary>
    [Id(10)] public string? ApplicationId { get; init; }
}
