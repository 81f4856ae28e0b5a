namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>The answer to a revocation: every token issued before <see cref="RevokedAt"/> stopped working.</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="Epoch">The new epoch; tokens carry the epoch they were issued in.</param>
/// <param name="RevokedAt">When the earlier tokens stopped working.</param>
[GenerateSerializer, Immutable, Alias("akademia.PortalRevocation")]
public sealed record PortalRevocation(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] long Epoch,
    [property: Id(2)] DateTimeOffset RevokedAt);
