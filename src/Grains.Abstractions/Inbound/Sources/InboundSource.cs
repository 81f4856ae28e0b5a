namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// An inbound source as every reader sees it. It never carries a secret.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundSource")]
public sealed record InboundSource
{
    /// <summary>Source id: the last segment of <c>/api/inbound/{id}</c>.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>One of <see cref="InboundProviders"/>.</summary>
    [Id(1)] public required string Provider { get; init; }

    /// <summary>Requests accepted per minute, cluster-wide.</summary>
    [Id(2)] public int RateLimitPerMinute { get; init; }

    /// <summary>Processing attempts before a message is dead-lettered.</summary>
    [Id(3)] public int MaxAttempts { get; init; }

    /// <summary>Prepended to the provider's event type.</summary>
    [Id(4)] public required string EventTypePrefix { get; init; }

    /// <summary>The signature header of an <c>hmac</c> source; <c>null</c> for the other providers.</summary>
    [Id(5)] public string? SignatureHeader { get; init; }

    /// <summary>How many previous secrets are still accepted.</summary>
    [Id(6)] public int PreviousSecretCount { get; init; }

    /// <summary>Creation time.</summary>
    [Id(7)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Time of the last change.</summary>
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The application its events are published to; sources stored before applications existed belong to <see cref="ApplicationIds.Default"/>.</summary>
    [Id(9)] public string ApplicationId { get; init; } = ApplicationIds.Default;
}
