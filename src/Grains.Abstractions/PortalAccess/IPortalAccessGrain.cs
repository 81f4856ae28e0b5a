namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Portal access to one application; the grain key is the application id. It issues and verifies
/// the application's portal tokens (signed with a key only the silo holds) and keeps the revocation
/// epoch: a revocation stops every token issued before it.
/// </summary>
[Alias("akademia.IPortalAccessGrain")]
public interface IPortalAccessGrain : IGrainWithStringKey
{
    /// <summary>A new token for this application, valid for <c>PortalAccess:TokenLifetime</c> (15 minutes by default).</summary>
    [Alias("IssueAsync")]
    Task<PortalToken> IssueAsync();

    /// <summary>What <paramref name="token"/> grants, or null when it is forged, of another application, revoked or expired.</summary>
    [Alias("VerifyAsync")]
    Task<PortalGrant?> VerifyAsync(string token);

    /// <summary>Stops every token issued so far.</summary>
    [Alias("RevokeAsync")]
    Task<PortalRevocation> RevokeAsync();
}
