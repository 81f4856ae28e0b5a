using Akademia.Webhooks.Grains.Applications;
using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Grains.Security;
using Akademia.Webhooks.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// One inbound source. Its secrets are stored encrypted and leave the grain only towards the
/// receiver (which verifies signatures in the silo); no reader ever sees them.
/// </summary>
[GrainType("inbound-source")]
public sealed partial class InboundSourceGrain(
    [PersistentState("inbound-source", StorageNames.Webhooks)] IPersistentState<InboundSourceState> state,
    SecretProtector protector,
    IOptions<InboundOptions> options,
    TimeProvider timeProvider,
    ILogger<InboundSourceGrain> logger)
    : Grain, IInboundSourceGrain, IInboundSourceInternalGrain
{
    // Every inbound request reads the configuration: decrypt once per activation and change.
    private InboundSourceConfig? _config;

    private string Id => this.GetPrimaryKeyString();

    private InboundSource? Live => state.State is { Source: { } source, DeletedAt: null } ? source : null;

    private IInboundSourceDirectoryInternalGrain Index => GrainFactory.GetGrain<IInboundSourceDirectoryInternalGrain>(IInboundSourceDirectoryGrain.Key);

    public async Task<InboundSource> CreateAsync(InboundSourceDefinition definition)
    {
        if (Live is not null)
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict, $"Inbound source '{Id}' already exists.");
        }

        var errors = new Dictionary<string, string>();
        if (!InboundSourceIds.IsValid(Id))
        {
            errors["id"] = InboundSourceIds.Rule;
        }

        InboundSourceValidation.CheckProvider(definition.Provider, errors);
        if (!errors.ContainsKey("provider"))
        {
            InboundSourceValidation.CheckSecret(definition.Provider, definition.Secret, "secret", errors);
            InboundSourceValidation.CheckPreviousSecrets(definition.Provider, definition.PreviousSecrets, errors);
            InboundSourceValidation.CheckSignatureHeader(definition.Provider, definition.SignatureHeader, errors);
        }

        InboundSourceValidation.CheckRateLimit(definition.RateLimitPerMinute, errors);
        InboundSourceValidation.CheckMaxAttempts(definition.MaxAttempts, errors);
        InboundSourceValidation.CheckPrefix(definition.EventTypePrefix, errors);
        if (definition.ApplicationId is not null && ApplicationRules.CheckId(definition.ApplicationId) is { } applicationProblem)
        {
            errors["applicationId"] = applicationProblem;
        }

        FieldRules.ThrowIfAny(errors);
        var applicationId = ApplicationIds.Of(definition.ApplicationId);
        if (applicationId != ApplicationIds.Default)
        {
            // The application must exist: a source of one that does not would publish into nothing.
            await GrainFactory.GetGrain<IEndpointDirectoryInternalGrain>(applicationId).EnsureOpenAsync();
        }

        var now = timeProvider.GetUtcNow();
        var provider = definition.Provider;
        var source = new InboundSource
        {
            Id = Id,
            Provider = provider,
            RateLimitPerMinute = definition.RateLimitPerMinute ?? options.Value.DefaultRateLimitPerMinute,
            MaxAttempts = definition.MaxAttempts ?? InboundSourceValidation.MaxAttemptsFor(provider),
            EventTypePrefix = definition.EventTypePrefix ?? provider + ".",
            SignatureHeader = provider == InboundProviders.Hmac ? definition.SignatureHeader ?? HmacSignature.DefaultHeader : null,
            PreviousSecretCount = definition.PreviousSecrets?.Length ?? 0,
            ApplicationId = applicationId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.State = new InboundSourceState
        {
            Source = source,
            ProtectedSecret = protector.Protect(definition.Secret),
            ProtectedPreviousSecrets = [.. (definition.PreviousSecrets ?? []).Select(protector.Protect)],
        };
        await state.WriteStateAsync();
        _config = null;
        await Index.UpsertAsync(source, deleted: false);
        LogCreated(logger, Id, provider);
        return source;
    }

    public Task<InboundSource?> GetAsync() => Task.FromResult(Live);

    public async Task<InboundSource> UpdateAsync(InboundSourcePatch patch)
    {
        var current = Live ?? throw NotFound();
        var errors = new Dictionary<string, string>();
        if (patch.Secret is not null)
        {
            InboundSourceValidation.CheckSecret(current.Provider, patch.Secret, "secret", errors);
        }

        InboundSourceValidation.CheckPreviousSecrets(current.Provider, patch.PreviousSecrets, errors);
        InboundSourceValidation.CheckSignatureHeader(current.Provider, patch.SignatureHeader, errors);
        InboundSourceValidation.CheckRateLimit(patch.RateLimitPerMinute, errors);
        InboundSourceValidation.CheckMaxAttempts(patch.MaxAttempts, errors);
        InboundSourceValidation.CheckPrefix(patch.EventTypePrefix, errors);
        FieldRules.ThrowIfAny(errors);

        var previous = patch.PreviousSecrets is null ? state.State.ProtectedPreviousSecrets : [.. patch.PreviousSecrets.Select(protector.Protect)];
        var updated = current with
        {
            RateLimitPerMinute = patch.RateLimitPerMinute ?? current.RateLimitPerMinute,
            MaxAttempts = patch.MaxAttempts ?? current.MaxAttempts,
            EventTypePrefix = patch.EventTypePrefix ?? current.EventTypePrefix,
            SignatureHeader = patch.SignatureHeader ?? current.SignatureHeader,
            PreviousSecretCount = previous.Length,
            UpdatedAt = timeProvider.GetUtcNow(),
        };
        state.State = state.State with
        {
            Source = updated,
            ProtectedSecret = patch.Secret is null ? state.State.ProtectedSecret : protector.Protect(patch.Secret),
            ProtectedPreviousSecrets = previous,
        };
        await state.WriteStateAsync();
        _config = null;
        await Index.UpsertAsync(updated, deleted: false);
        if (patch.Secret is not null || patch.PreviousSecrets is not null)
        {
            LogSecretsChanged(logger, Id);
        }

        return updated;
    }

    public async Task DeleteAsync()
    {
        var current = Live ?? throw NotFound();
        var now = timeProvider.GetUtcNow();

        // Nothing needs the secrets once the source is gone: they are not kept.
        state.State = new InboundSourceState { Source = current with { UpdatedAt = now }, DeletedAt = now };
        await state.WriteStateAsync();
        _config = null;
        await Index.UpsertAsync(state.State.Source!, deleted: true);
        LogDeleted(logger, Id);
    }

    public Task<InboundSourceConfig?> GetConfigAsync()
    {
        if (Live is not { } source)
        {
            return Task.FromResult<InboundSourceConfig?>(null);
        }

        _config ??= new InboundSourceConfig
        {
            Id = source.Id,
            Provider = source.Provider,
            Secrets = [protector.Unprotect(state.State.ProtectedSecret!), .. state.State.ProtectedPreviousSecrets.Select(protector.Unprotect)],
            RateLimitPerMinute = source.RateLimitPerMinute,
            MaxAttempts = source.MaxAttempts,
            EventTypePrefix = source.EventTypePrefix,
            SignatureHeader = source.SignatureHeader,
            ApplicationId = source.ApplicationId,
        };
        return Task.FromResult<InboundSourceConfig?>(_config);
    }

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Inbound source '{Id}' not found.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound source {SourceId} created for provider {Provider}")]
    private static partial void LogCreated(ILogger logger, string sourceId, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Secrets of inbound source {SourceId} changed")]
    private static partial void LogSecretsChanged(ILogger logger, string sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound source {SourceId} deleted")]
    private static partial void LogDeleted(ILogger logger, string sourceId);
}
