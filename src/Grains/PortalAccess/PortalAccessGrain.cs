using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.PortalAccess;

/// <summary>
/// Portal access to one application (the grain key). Issuing and verifying write nothing; only a
/// revocation does (the epoch), so a token is checked with one grain call and no storage read
/// once the grain is active.
/// </summary>
[GrainType("portal-access")]
public sealed partial class PortalAccessGrain(
    [PersistentState("portal-access", StorageNames.Webhooks)] IPersistentState<PortalAccessState> state,
    PortalTokenSigner signer,
    IOptions<PortalAccessOptions> options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider timeProvider,
    ILogger<PortalAccessGrain> logger)
    : Grain, IPortalAccessGrain
{
    private string ApplicationId => this.GetPrimaryKeyString();

    public Task<PortalToken> IssueAsync()
    {
        // Whole seconds, as the token carries them: the expiry the caller is told is the one enforced.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((timeProvider.GetUtcNow() + options.Value.TokenLifetime).ToUnixTimeSeconds());
        var nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var signedText = PortalTokens.SignedText(PortalTokens.Payload(ApplicationId, state.State.Epoch, expiresAt, nonce));
        LogIssued(logger, ApplicationId, state.State.Epoch, expiresAt);
        return Task.FromResult(new PortalToken(PortalTokens.Token(signedText, signer.Sign(signedText)), ApplicationId, expiresAt));
    }

    public Task<PortalGrant?> VerifyAsync(string token)
    {
        var parts = PortalTokens.Parse(token);
        var valid = parts is not null
            && signer.Verify(parts.SignedText, parts.Mac)
            && parts.ApplicationId == ApplicationId
            && parts.Epoch == state.State.Epoch
            && timeProvider.GetUtcNow() < parts.ExpiresAt;
        return Task.FromResult(valid ? new PortalGrant(ApplicationId, parts!.ExpiresAt) : null);
    }

    public async Task<PortalRevocation> RevokeAsync()
    {
        var now = timeProvider.GetUtcNow();
        state.State = new PortalAccessState { Epoch = state.State.Epoch + 1, RevokedAt = now };
        await state.WriteStateAsync();
        LogRevoked(logger, ApplicationId, state.State.Epoch);
        return new PortalRevocation(ApplicationId, state.State.Epoch, now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal token issued for application {ApplicationId} (epoch {Epoch}), expires {ExpiresAt}")]
    private static partial void LogIssued(ILogger logger, string applicationId, long epoch, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal tokens of application {ApplicationId} revoked; epoch is now {Epoch}")]
    private static partial void LogRevoked(ILogger logger, string applicationId, long epoch);
}
