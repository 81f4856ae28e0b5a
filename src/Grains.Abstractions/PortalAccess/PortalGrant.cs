namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>What a verified portal token grants: the reader and endpoint-management rights of one application, until <see cref="ExpiresAt"/>.</summary>
/// <param name="ApplicationId">The one application granted.</param>
/// <param name="ExpiresAt">When the token stops working.</param>
[GenerateSerializer, Immutable, Alias("akademia.PortalGrant")]
public sealed record PortalGrant(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] DateTimeOffset ExpiresAt);
