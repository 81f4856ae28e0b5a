namespace Akademia.Webhooks.Grains.Inbound;

// Silo-internal grain interfaces and messages of inbound webhooks: public only because Orleans' code
// generator needs them to be; not part of the Grains.Abstractions contract.

/// <summary>What the receiver needs to verify a source's requests, including its secrets in clear.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.InboundSourceConfig")]
public sealed record InboundSourceConfig
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Provider { get; init; }

    /// <summary>The current secret first, then the previous ones.</summary>
    [Id(2)] public required string[] Secrets { get; init; }

    [Id(3)] public int RateLimitPerMinute { get; init; }

    [Id(4)] public int MaxAttempts { get; init; }

    [Id(5)] public required string EventTypePrefix { get; init; }

    [Id(6)] public string? SignatureHeader { get; init; }

    [Id(7)] public string ApplicationId { get; init; } = ApplicationIds.Default;
}
