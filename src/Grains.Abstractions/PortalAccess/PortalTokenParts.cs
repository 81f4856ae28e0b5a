namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>A portal token taken apart, not yet verified (see <see cref="PortalTokens.Parse"/>).</summary>
/// <param name="SignedText">What the MAC is computed over.</param>
/// <param name="Mac">The HMAC-SHA256 the token carries.</param>
/// <param name="ApplicationId">The application it claims.</param>
/// <param name="Epoch">The revocation epoch it was issued in.</param>
/// <param name="ExpiresAt">When it claims to expire.</param>
public sealed record PortalTokenParts(string SignedText, byte[] Mac, string ApplicationId, long Epoch, DateTimeOffset ExpiresAt);
