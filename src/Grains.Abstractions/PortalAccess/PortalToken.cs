namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>A portal token as issued: shown this once.</summary>
/// <param name="Token">The token: <c>akp_…</c>, sent as <c>Authorization: Bearer</c> or <c>X-API-Key</c>.</param>
/// <param name="ApplicationId">The one application it grants.</param>
/// <param name="ExpiresAt">When it stops working.</param>
[GenerateSerializer, Immutable, Alias("akademia.PortalToken")]
public sealed record PortalToken(
    [property: Id(0)] string Token,
    [property: Id(1)] string ApplicationId,
    [property: Id(2)] DateTimeOffset ExpiresAt);
