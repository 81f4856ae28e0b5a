namespace Akademia.Webhooks.Grains.Events;

/// <summary>What an idempotency key is remembered as: about 150 bytes, and never the key itself.</summary>
[GenerateSerializer, Immutable, Alias("akademia.IdempotencyKeyState")]
public sealed record IdempotencyKeyState
{
    /// <summary>The event the first request with this key published.</summary>
    [Id(0)] public required string EventId { get; init; }

    /// <summary><see cref="EventFingerprint.OfRequest"/> of that request.</summary>
    [Id(1)] public required string RequestHash { get; init; }

    /// <summary>From this time the key is free again; read as absent.</summary>
    [Id(2)] public DateTimeOffset ExpiresAt { get; init; }
}
