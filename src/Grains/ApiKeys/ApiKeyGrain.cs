using System.Security.Cryptography;
using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Grains.Validation;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Grains.ApiKeys;

/// <summary>
/// One managed API key, keyed by its id (derived one-way from the key's digest). It stores the digest
/// and compares a presented one in constant time; the key itself never reaches the silo.
/// </summary>
[GrainType("api-key")]
public sealed partial class ApiKeyGrain(
    [PersistentState("api-key", StorageNames.Webhooks)] IPersistentState<ApiKeyState> state,
    OperationalEventEmitter operationalEvents,
    TimeProvider timeProvider,
    ILogger<ApiKeyGrain> logger)
    : Grain, IApiKeyGrain
{
    private string Id => this.GetPrimaryKeyString();

    private IApiKeyDirectoryInternalGrain Directory => GrainFactory.GetGrain<IApiKeyDirectoryInternalGrain>(IApiKeyDirectoryGrain.Key);

    public async Task<ApiKeyDetails> CreateAsync(ApiKeyDefinition definition)
    {
        if (state.State.Key is not null)
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict, $"API key '{Id}' already exists.");
        }

        var now = timeProvider.GetUtcNow();
        var errors = ApiKeyRules.Check(definition, now);
        if (definition.Digest is { Length: 32 } digest && ApiKeyTokens.IdOf(digest) != Id)
        {
            errors["digest"] = "is not the digest of this key's id";
        }

        FieldRules.ThrowIfAny(errors);

        var key = new ApiKeyDetails
        {
            Id = Id,
            Name = definition.Name,
            Role = definition.Role,
            ApplicationId = definition.ApplicationId,
            ExpiresAt = definition.ExpiresAt,
            CreatedAt = now,
        };
        state.State = new ApiKeyState { Key = key, Digest = definition.Digest };
        await state.WriteStateAsync();
        try
        {
            var page = await Directory.AppendAsync(key);
            state.State = state.State with { Page = page };
            await state.WriteStateAsync();
        }
        catch
        {
            // The key was never shown to anyone (the create answer is the only place it appears), so
            // one that could not be listed is revoked rather than left working and invisible.
            await TryRevokeUnlistedAsync(now);
            throw;
        }

        LogCreated(logger, key.Id, key.Name, key.Role, key.ApplicationId ?? "(all)", key.ExpiresAt);
        await operationalEvents.EmitAsync(OperationalEvents.ApiKeyCreated, ApplicationIds.Of(key.ApplicationId), key.Id, EventData(key));
        return key;
    }

    public Task<ApiKeyDetails?> GetAsync() => Task.FromResult(state.State.Key);

    public Task<ApiKeyDetails?> VerifyAsync(byte[] digest) =>
        Task.FromResult(state.State is { Key: { } key, Digest: { } stored } && CryptographicOperations.FixedTimeEquals(stored, digest) ? key : null);

    public async Task<ApiKeyDetails> RevokeAsync()
    {
        var key = state.State.Key ?? throw new WebhookPlatformException(ErrorCodes.NotFound, $"API key '{Id}' not found.");
        if (key.RevokedAt is not null)
        {
            return key;
        }

        var revoked = key with { RevokedAt = timeProvider.GetUtcNow() };
        state.State = state.State with { Key = revoked };
        await state.WriteStateAsync();
        if (state.State.Page is { } page)
        {
            await GrainFactory.GetGrain<IApiKeyPageGrain>(page).UpdateAsync(revoked);
        }

        LogRevoked(logger, revoked.Id, revoked.Name, revoked.Role, revoked.ApplicationId ?? "(all)");
        await operationalEvents.EmitAsync(OperationalEvents.ApiKeyRevoked, ApplicationIds.Of(revoked.ApplicationId), revoked.Id, EventData(revoked));
        return revoked;
    }

    private async Task TryRevokeUnlistedAsync(DateTimeOffset now)
    {
        try
        {
            state.State = state.State with { Key = state.State.Key! with { RevokedAt = now } };
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The activation keeps the revoked state in memory; storage may still say otherwise.
            LogUnlistedNotRevoked(logger, Id, ex.Message);
        }
    }

    // What the operational events carry: who the key is, never the key or its digest.
    private static Dictionary<string, object?> EventData(ApiKeyDetails key) => new()
    {
        ["id"] = key.Id,
        ["name"] = key.Name,
        ["role"] = key.Role,
        ["applicationId"] = key.ApplicationId,
        ["expiresAt"] = key.ExpiresAt,
        ["createdAt"] = key.CreatedAt,
        ["revokedAt"] = key.RevokedAt,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} ({Name}) created with role {Role} for application {ApplicationId}, expires {ExpiresAt}")]
    private static partial void LogCreated(ILogger logger, string keyId, string name, string role, string applicationId, DateTimeOffset? expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} ({Name}, role {Role}, application {ApplicationId}) revoked")]
    private static partial void LogRevoked(ILogger logger, string keyId, string name, string role, string applicationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "API key {KeyId} could not be listed, nor its revocation stored: {Reason}")]
    private static partial void LogUnlistedNotRevoked(ILogger logger, string keyId, string reason);
}
