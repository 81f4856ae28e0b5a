namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// A partial update of an inbound source: only the non-null members change. The provider cannot change.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundSourcePatch")]
public sealed record InboundSourcePatch
{
    /// <summary>A new signing secret, when set.</summary>
    [Id(0)] public string? Secret { get; init; }

    /// <summary>Replaces the previous secrets, when set (an empty list removes them).</summary>
    [Id(1)] public string[]? PreviousSecrets { get; init; }

    /// <summary>A new rate limit, when set.</summary>
    [Id(2)] public int? RateLimitPerMinute { get; init; }

    /// <summary>New attempt budget for messages accepted from now on, when set.</summary>
    [Id(3)] public int? MaxAttempts { get; init; }

    /// <summary>A new event type prefix for messages accepted from now on, when set.</summary>
    [Id(4)] public string? EventTypePrefix { get; init; }

    /// <summary>A new signature header (<c>hmac</c> sources only), when set.</summary>
    [Id(5)] public string? SignatureHeader { get; init; }
}
