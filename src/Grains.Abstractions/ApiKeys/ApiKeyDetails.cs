namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>An API key as it may be shown: never the key nor its digest.</summary>
[GenerateSerializer, Immutable, Alias("akademia.ApiKeyDetails")]
public sealed record ApiKeyDetails
{
    /// <summary><c>key_</c> and 26 hex digits, derived one-way from the key.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>For people and logs.</summary>
    [Id(1)] public required string Name { get; init; }

    /// <summary><c>admin</c>, <c>publisher</c> or <c>reader</c>.</summary>
    [Id(2)] public required string Role { get; init; }

    /// <summary>The one application the key may see, or null for all.</summary>
    [Id(3)] public string? ApplicationId { get; init; }

    /// <summary>When the key stops working; null for never.</summary>
    [Id(4)] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the key was created.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key was revoked; null while it is not.</summary>
    [Id(6)] public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Whether the key authenticates at <paramref name="now"/>: not revoked, not expired.</summary>
    public bool IsLiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);
}
