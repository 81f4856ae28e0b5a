namespace Akademia.Webhooks.Grains.ApiKeys;

/// <summary>A managed key as stored: its digest, never the key.</summary>
[GenerateSerializer, Immutable, Alias("akademia.ApiKeyState")]
public sealed record ApiKeyState
{
    /// <summary>Null until the key is created.</summary>
    [Id(0)] public ApiKeyDetails? Key { get; init; }

    /// <summary>The SHA-256 of the key.</summary>
    [Id(1)] public byte[]? Digest { get; init; }

    /// <summary>The directory page the key is listed on; null until it is listed.</summary>
    [Id(2)] public long? Page { get; init; }
}
