using System.Globalization;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Grains.Persistence;
using Akademia.Webhooks.Grains.Security;
using Akademia.Webhooks.Grains.Signing;
using Akademia.Webhooks.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// One endpoint: its definition and secrets, stored, and its health, in memory. The rules it applies
/// live in <see cref="EndpointRules"/>, <see cref="EndpointSecrets"/> and <see cref="EndpointHealthPolicy"/>.
/// </summary>
[GrainType("endpoint")]
public sealed partial class EndpointGrain(
    [PersistentState("endpoint", StorageNames.Webhooks)] IPersistentState<EndpointState> state,
    SecretProtector protector,
    DestinationPolicy destinations,
    EndpointTester tester,
    OperationalEventEmitter operationalEvents,
    IOptions<EndpointPolicyOptions> options,
    TimeProvider timeProvider,
    ILogger<EndpointGrain> logger)
    : Grain, IEndpointGrain, IEndpointInternalGrain, IRemindable
{
    // Health is judged on recent attempts only, so it lives in memory and starts afresh with the activation.
    private readonly EndpointHealthTracker _health = new(options.Value.HealthWindowAttempts, options.Value.HealthWindowAge);
    private int _consecutiveFailures;

    /// <summary>How long a change waits for the directory before it leaves the listing to the repair.</summary>
    public static readonly TimeSpan IndexWait = TimeSpan.FromSeconds(5);

    /// <summary>The reminder that sends the directory a change it did not confirm: first after 5 s, then every minute.</summary>
    public static readonly RepairReminder IndexRepair = new("endpoint-index-repair", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State is { IndexPending: true, Endpoint: not null })
        {
            await ListAsync(repair: true);
        }
    }

    // The directory of the endpoint's own application; state stored before applications existed names none.
    private IEndpointDirectoryInternalGrain Index => IndexOf(state.State.Endpoint?.ApplicationId);

    private IEndpointDirectoryInternalGrain IndexOf(string? applicationId) => GrainFactory.GetGrain<IEndpointDirectoryInternalGrain>(ApplicationIds.Of(applicationId));

    private EndpointDetails? LiveEndpoint => state.State.Endpoint is { DeletedAt: null } endpoint ? endpoint : null;

    private EndpointHealthState Streak => new(state.State.FailingSince, state.State.FailingAnnounced, _consecutiveFailures);

    public async Task<CreatedEndpoint> CreateAsync(EndpointDefinition definition)
    {
        if (state.State.Endpoint is not null)
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict, $"Endpoint '{Id}' already exists.");
        }

        var known = await KnownEventTypesAsync(definition.Events);
        FieldRules.ThrowIfAny(EndpointRules.CheckDefinition(Id, definition, destinations, known.Contains));
        if (definition.ApplicationId is { } applicationId && applicationId != ApplicationIds.Default)
        {
            // One call on creation only: an endpoint of an application that does not exist would never receive anything.
            await IndexOf(applicationId).EnsureOpenAsync();
        }

        var endpoint = EndpointRules.Create(Id, definition, timeProvider.GetUtcNow());
        var secret = definition.Secret ?? WebhookSecret.Generate();
        await WriteAndListAsync(state.State with { Endpoint = endpoint, ProtectedSecret = protector.Protect(secret) });
        return new CreatedEndpoint(endpoint, secret);
    }

    public async Task<EndpointDetails?> GetAsync()
    {
        if (LiveEndpoint is not { } endpoint)
        {
            return null;
        }

        var breaker = GrainFactory.GetGrain<ICircuitBreakerGrain>(CircuitBreakerKeys.For(endpoint.Url)).GetAsync();
        var rate = endpoint.RateLimit is null ? null : await GrainFactory.GetGrain<IBulkheadGrain>(Id).GetRateAsync();
        return endpoint with { CircuitBreaker = await breaker, DeliveryRate = rate };
    }

    public Task<string?> GetApplicationIdAsync() => Task.FromResult(LiveEndpoint is { } endpoint ? ApplicationIds.Of(endpoint.ApplicationId) : null);

    public async Task<EndpointDetails> UpdateAsync(EndpointPatch patch)
    {
        var current = LiveEndpoint ?? throw NotFound();
        var known = await KnownEventTypesAsync(patch.Events);
        FieldRules.ThrowIfAny(EndpointRules.CheckPatch(patch, destinations, known.Contains));

        var updated = EndpointRules.Apply(current, patch, timeProvider.GetUtcNow());
        await WriteAndListAsync(state.State with { Endpoint = updated });
        return updated;
    }

    public async Task DeleteAsync()
    {
        var current = LiveEndpoint ?? throw NotFound();
        var now = timeProvider.GetUtcNow();
        var deleted = current with { DeletedAt = now, UpdatedAt = now, Active = false };
        await WriteAndListAsync(state.State with { Endpoint = deleted });
    }

    public async Task<DeliveryPage> ListDeliveriesAsync(int limit, string? cursor)
    {
        if (state.State.Endpoint is null)
        {
            throw NotFound();
        }

        if (FieldRules.CheckPageLimit(limit) is { } limitProblem)
        {
            throw new ValidationFailedException(new() { ["limit"] = limitProblem });
        }

        var (entries, next) = await GrainFactory.GetGrain<IDeliveryLogGrain>(Id).ReadAsync(limit, cursor);
        var deliveries = await Task.WhenAll(entries.Select(e => GrainFactory.GetGrain<IDeliveryGrain>(e.DeliveryId).GetAsync()));
        return new DeliveryPage(deliveries.OfType<Delivery>().ToArray(), next);
    }

    public Task<RotatedSecret> RotateSecretAsync() => RotateSecretAsync(new SecretRotation());

    public async Task<RotatedSecret> RotateSecretAsync(SecretRotation rotation)
    {
        var endpoint = LiveEndpoint ?? throw NotFound();
        FieldRules.ThrowIfAny(EndpointRules.CheckRotation(rotation));
        var now = timeProvider.GetUtcNow();
        var inWindow = EndpointSecrets.InWindow(state.State.PreviousSecrets, now);
        if (EndpointSecrets.RotationRefusedUntil(inWindow, options.Value.MaxPreviousSecrets) is { } retryAt)
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict,
                $"Endpoint '{Id}' already has {inWindow.Length} previous secrets in their rotation window; retry after {retryAt:O}.");
        }

        var secret = WebhookSecret.Generate();
        var expiresAt = now + options.Value.SecretRotationWindow;
        var signWith = rotation.SignWith ?? endpoint.SignWith;
        await WriteAndListAsync(state.State with
        {
            ProtectedSecret = protector.Protect(secret),
            PreviousSecrets = EndpointSecrets.RotateOut(state.State.ProtectedSecret!, inWindow, expiresAt),
            Endpoint = endpoint with { UpdatedAt = now, SignWith = signWith },
        });
        LogSecretRotated(logger, Id);
        return new RotatedSecret(secret, expiresAt, signWith);
    }

    public async Task<EndpointTestResult> TestAsync()
    {
        // A test goes to the primary URL only, takes no slot and leaves health and rate alone; the breaker still decides.
        var target = await GetTargetAsync() is { Deleted: false } t ? t with { FailoverUrl = null, PreferFailover = false } : throw NotFound();
        return await tester.TestAsync(Id, target);
    }

    public async Task<CircuitBreakerSnapshot> ResetCircuitBreakerAsync()
    {
        var endpoint = LiveEndpoint ?? throw NotFound();
        return await GrainFactory.GetGrain<ICircuitBreakerGrain>(CircuitBreakerKeys.For(endpoint.Url)).ResetAsync();
    }

    public Task<EndpointTarget?> GetTargetAsync()
    {
        if (state.State is not { Endpoint: { } endpoint, ProtectedSecret: { } current })
        {
            return Task.FromResult<EndpointTarget?>(null);
        }

        var now = timeProvider.GetUtcNow();
        var secrets = EndpointSecrets.Signing(current, state.State.PreviousSecrets, now).Select(protector.Unprotect).ToArray();
        return Task.FromResult<EndpointTarget?>(new EndpointTarget
        {
            Url = endpoint.Url,
            Secrets = secrets,
            Headers = endpoint.Headers,
            Active = endpoint.Active,
            Deleted = endpoint.DeletedAt is not null,
            RetryPolicy = endpoint.RetryPolicy,
            FailoverUrl = endpoint.FailoverUrl,
            PreferFailover = endpoint.FailoverUrl is not null && _health.Score(now) < options.Value.FailoverBelowHealthScore,
            RateLimit = endpoint.RateLimit,
            SpecSecretIndex = EndpointSecrets.SpecSecretIndex(endpoint.SignWith, secrets.Length),
        });
    }

    public async Task ReportAttemptAsync(AttemptReport report)
    {
        if (LiveEndpoint is not { } endpoint)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        _health.Add(report, now);
        var verdict = EndpointHealthPolicy.Judge(Streak, endpoint, report, options.Value, now);
        _consecutiveFailures = verdict.Next.ConsecutiveFailures;
        if (verdict.MustWrite)
        {
            var next = state.State with { Endpoint = verdict.Disabled ?? endpoint, FailingSince = verdict.Next.FailingSince, FailingAnnounced = verdict.Next.FailingAnnounced };
            await (verdict.Disabled is null ? WriteAsync(next) : WriteAndListAsync(next));
        }

        if (verdict.Disabled is { } disabled)
        {
            LogDisabled(logger, Id, disabled.DisabledReason!);
        }

        foreach (var operationalEvent in verdict.Events)
        {
            await EmitAsync(operationalEvent);
        }
    }

    public async Task<EndpointHealth> GetHealthAsync()
    {
        var endpoint = LiveEndpoint ?? throw NotFound();
        var now = timeProvider.GetUtcNow();
        var breaker = await GrainFactory.GetGrain<ICircuitBreakerGrain>(CircuitBreakerKeys.For(endpoint.Url)).GetAsync();
        return _health.Describe(endpoint, Streak, breaker, now);
    }

    public async Task<EndpointDetails> EnableAsync()
    {
        var current = LiveEndpoint ?? throw NotFound();
        var enabled = current with { Active = true, DisabledReason = null, DisabledAt = null, UpdatedAt = timeProvider.GetUtcNow() };
        _consecutiveFailures = 0;
        await WriteAndListAsync(state.State with { Endpoint = enabled, FailingSince = null, FailingAnnounced = false });
        return enabled;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != IndexRepair.Name)
        {
            return;
        }

        if (state.State is { IndexPending: true, Endpoint: not null })
        {
            await ListAsync(repair: true);
            if (state.State.IndexPending)
            {
                return;
            }

            // Stored now, so that a later activation does not send the repair again.
            await state.WriteStateAsync();
        }

        await IndexRepair.DisarmAsync(this);
    }

    private Task WriteAsync(EndpointState next)
    {
        state.State = next;
        return state.WriteStateAsync();
    }

    /// <summary>
    /// Stores a change the directory must list, marked pending in the same write, then tells the
    /// directory. The endpoint is stored whatever the directory does: should it fail or not answer
    /// within <see cref="IndexWait"/>, a reminder sends the change again until it holds, and so does
    /// the next activation of an endpoint stored as pending (after a crash between the two steps).
    /// </summary>
    private async Task WriteAndListAsync(EndpointState next)
    {
        await WriteAsync(next with { IndexPending = true });
        await ListAsync(repair: false);
    }

    private async Task ListAsync(bool repair)
    {
        var endpoint = state.State.Endpoint!;
        try
        {
            await (repair ? Index.RepairAsync(endpoint) : Index.UpsertAsync(endpoint)).WaitAsync(IndexWait);
        }
        catch (Exception ex)
        {
            LogIndexFailed(logger, Id, ex.Message);
            await TryArmRepairAsync();
            return;
        }

        // Cleared in memory only: the next write stores it, and until then an activation's repair is a no-op for the directory.
        state.State = state.State with { IndexPending = false };
    }

    private async Task TryArmRepairAsync()
    {
        if (await IndexRepair.TryArmAsync(this) is { } problem)
        {
            // The pending flag is stored: the next activation sends the change again.
            LogIndexFailed(logger, Id, "repair reminder not registered: " + problem);
        }
    }

    /// <summary>
    /// Publishes an operational event about this endpoint to everyone subscribed but this endpoint.
    /// Its occasion is the endpoint and the moment, so a repeat (a retried report) publishes nothing new.
    /// </summary>
    private Task EmitAsync(EndpointHealthEvent operationalEvent)
    {
        operationalEvent.Data["endpointId"] = Id;
        return operationalEvents.EmitAsync(
            operationalEvent.Type, Id, ApplicationIds.Of(state.State.Endpoint?.ApplicationId), string.Create(CultureInfo.InvariantCulture, $"{Id}_{operationalEvent.Occasion.UtcTicks}"), operationalEvent.Data);
    }

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Endpoint '{Id}' not found.");

    private async Task<IReadOnlySet<string>> KnownEventTypesAsync(string[]? events)
    {
        var named = EndpointRules.NamedEventTypes(events);
        return named.Length == 0
            ? new HashSet<string>()
            : (await GrainFactory.GetGrain<IEventTypeRegistryInternalGrain>(IEventTypeRegistryGrain.Key).GetKnownAsync(named)).ToHashSet(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {EndpointId} is stored but its directory did not confirm the change, the repair sends it again: {Reason}")]
    private static partial void LogIndexFailed(ILogger logger, string endpointId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {EndpointId} disabled: {Reason}")]
    private static partial void LogDisabled(ILogger logger, string endpointId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing secret of endpoint {EndpointId} rotated")]
    private static partial void LogSecretRotated(ILogger logger, string endpointId);

}
