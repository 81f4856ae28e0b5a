namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// Where and how one attempt is sent: the endpoint's URL, its signing keys (newest first) and custom headers.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.DeliveryTarget")]
public sealed record EndpointTarget
{
    [Id(0)] public required string Url { get; init; }

    [Id(1)] public required string[] Secrets { get; init; }

    [Id(2)] public Dictionary<string, string> Headers { get; init; } = [];

    [Id(3)] public bool Active { get; init; }

    [Id(4)] public bool Deleted { get; init; }

    [Id(5)] public RetryPolicy? RetryPolicy { get; init; }

    [Id(6)] public string? FailoverUrl { get; init; }

    /// <summary>The primary's health is below the failover threshold: send to the failover URL.</summary>
    [Id(7)] public bool PreferFailover { get; init; }

    [Id(8)] public EndpointRateLimit? RateLimit { get; init; }

    /// <summary>Which of <see cref="Secrets"/> signs <c>X-Webhook-Signature</c>: 0 the newest, 1 the previous one.</summary>
    [Id(9)] public int SpecSecretIndex { get; init; }
}
