namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// What a new API key is. The key itself never reaches the grain: only its SHA-256
/// (<see cref="ApiKeyTokens.Digest"/>), from which the grain's id is derived.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.ApiKeyDefinition")]
public sealed record ApiKeyDefinition
{
    /// <summary>For people and logs: 1–100 characters.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary><c>admin</c>, <c>publisher</c> or <c>reader</c>.</summary>
    [Id(1)] public required string Role { get; init; }

    /// <summary>The one application the key may see, or null for all.</summary>
    [Id(2)] public string? ApplicationId { get; init; }

    /// <summary>When the key stops working; null for never. In the future and at most 10 years away.</summary>
    [Id(3)] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The SHA-256 of the key (32 bytes).</summary>
    [Id(4)] public required byte[] Digest { get; init; }
}
