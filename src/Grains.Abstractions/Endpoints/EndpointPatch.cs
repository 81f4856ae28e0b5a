namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// A partial update of an endpoint: only the non-null members change.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.EndpointPatch")]
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
