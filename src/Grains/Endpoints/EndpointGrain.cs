using System.Globalization;
using System.Text.Json;
using Akademia.Webhooks.Grains.Attempts;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Events;
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
    IAttemptPipeline pipeline,
    OperationalEventEmitter operationalEvents,
    IOptions<EndpointPolicyOptions> options,
    TimeProvider timeProvider,
    ILogger<EndpointGrain> logger)
    : Grain, IEndpointGrain, IEndpointInternalGrain
{
    public const string TestEventType = "webhook.test";

    // Health is judged on recent attempts only, so it lives in memory and starts afresh with the activation.
    private readonly EndpointHealthTracker _health = new(options.Value.HealthWindowAttempts, options.Value.HealthWindowAge);
    private int _consecutiveFailures;

    private string Id => this.GetPrimaryKeyString();

    private IEndpointDirectoryInternalGrain Index => GrainFactory.GetGrain<IEndpointDirectoryInternalGrain>(IEndpointDirectoryGrain.Key);

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

        var endpoint = EndpointRules.Create(Id, definition, timeProvider.GetUtcNow());
        var secret = definition.Secret ?? WebhookSecret.Generate();
        await WriteAsync(state.State with { Endpoint = endpoint, ProtectedSecret = protector.Protect(secret) });
        await Index.UpsertAsync(endpoint);
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

    public async Task<EndpointDetails> UpdateAsync(EndpointPatch patch)
    {
        var current = LiveEndpoint ?? throw NotFound();
        var known = await KnownEventTypesAsync(patch.Events);
        FieldRules.ThrowIfAny(EndpointRules.CheckPatch(patch, destinations, known.Contains));

        var updated = EndpointRules.Apply(current, patch, timeProvider.GetUtcNow());
        await WriteAsync(state.State with { Endpoint = updated });
        await Index.UpsertAsync(updated);
        return updated;
    }

    public async Task DeleteAsync()
    {
        var current = LiveEndpoint ?? throw NotFound();
        var now = timeProvider.GetUtcNow();
        var deleted = current with { DeletedAt = now, UpdatedAt = now, Active = false };
        await WriteAsync(state.State with { Endpoint = deleted });
        await Index.UpsertAsync(deleted);
    }

    public async Task<DeliveryPage> ListDeliveriesAsync(int limit, string? cursor)
    {
        if (state.State.Endpoint is null)
        {
            throw NotFound();
        }

        if (limit is < 1 or > 100)
        {
            throw new ValidationFailedException(new() { ["limit"] = "must be between 1 and 100" });
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
        await WriteAsync(state.State with
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
        var eventId = "test_" + Guid.CreateVersion7().ToString("N");
        var messageId = PlatformIds.DeliveryId(eventId, Id);
        var ticket = AttemptTicket.Test(messageId, Id, target);
        var data = JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = "Test webhook from Akademia.Orleans", ["endpointId"] = Id });
        var body = EventGrain.BuildBody(eventId, TestEventType, timeProvider.GetUtcNow(), data);
        var delays = options.Value.EffectiveTestRetryDelays;
        var attempts = new List<DeliveryAttempt>();

        for (var number = 1; number <= delays.Count + 1; number++)
        {
            var outcome = await pipeline.SendAsync(ticket, eventId, messageId, body, number);
            await pipeline.ReportAsync(ticket, outcome);
            var attempt = outcome.Attempt;
            if (attempt.ErrorCode == DeliveryErrorCodes.CircuitBreakerOpen)
            {
                LogTestSkipped(logger, Id);
                return TestResult(attempts, "Circuit breaker is open for this URL; the test was not sent.", DeliveryErrorCodes.CircuitBreakerOpen);
            }

            attempts.Add(attempt);
            if (attempt.Succeeded)
            {
                if (number == 1)
                {
                    LogTestSent(logger, Id, attempt.StatusCode);
                }
                else
                {
                    LogTestSucceededAfterRetry(logger, Id, number);
                }

                return TestResult(attempts, null, null);
            }

            if (attempt.ErrorCode == DeliveryErrorCodes.ForbiddenDestination || number > delays.Count)
            {
                break;
            }

            await Task.Delay(delays[number - 1], timeProvider);
        }

        LogTestFailed(logger, Id, attempts.Count);
        var last = attempts[^1];
        return TestResult(attempts, last.ErrorMessage ?? "The test failed.", last.ErrorCode ?? "HTTP_ERROR");
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
            await WriteAsync(state.State with { Endpoint = verdict.Disabled ?? endpoint, FailingSince = verdict.Next.FailingSince, FailingAnnounced = verdict.Next.FailingAnnounced });
        }

        if (verdict.Disabled is { } disabled)
        {
            await Index.UpsertAsync(disabled);
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
        await WriteAsync(state.State with { Endpoint = enabled, FailingSince = null, FailingAnnounced = false });
        await Index.UpsertAsync(enabled);
        return enabled;
    }

    private Task WriteAsync(EndpointState next)
    {
        state.State = next;
        return state.WriteStateAsync();
    }

    /// <summary>
    /// Publishes an operational event about this endpoint to everyone subscribed but this endpoint.
    /// Its occasion is the endpoint and the moment, so a repeat (a retried report) publishes nothing new.
    /// </summary>
    private Task EmitAsync(EndpointHealthEvent operationalEvent)
    {
        operationalEvent.Data["endpointId"] = Id;
        return operationalEvents.EmitAsync(
            operationalEvent.Type, Id, string.Create(CultureInfo.InvariantCulture, $"{Id}_{operationalEvent.Occasion.UtcTicks}"), operationalEvent.Data);
    }

    private static EndpointTestResult TestResult(List<DeliveryAttempt> attempts, string? error, string? code) => new()
    {
        Success = error is null,
        Status = attempts.LastOrDefault()?.StatusCode,
        Response = attempts.LastOrDefault()?.ResponseBody,
        Attempts = attempts.Count,
        Error = error,
        Code = code,
        AttemptHistory = [.. attempts],
    };

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Endpoint '{Id}' not found.");

    private async Task<IReadOnlySet<string>> KnownEventTypesAsync(string[]? events)
    {
        var named = EndpointRules.NamedEventTypes(events);
        return named.Length == 0
            ? new HashSet<string>()
            : (await GrainFactory.GetGrain<IEventTypeRegistryInternalGrain>(IEventTypeRegistryGrain.Key).GetKnownAsync(named)).ToHashSet(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {EndpointId} disabled: {Reason}")]
    private static partial void LogDisabled(ILogger logger, string endpointId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing secret of endpoint {EndpointId} rotated")]
    private static partial void LogSecretRotated(ILogger logger, string endpointId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook test sent to endpoint {EndpointId}: status {Status}")]
    private static partial void LogTestSent(ILogger logger, string endpointId, int? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook test succeeded after retry: endpoint {EndpointId}, attempt {Attempt}")]
    private static partial void LogTestSucceededAfterRetry(ILogger logger, string endpointId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook test failed after all retries: endpoint {EndpointId}, {Attempts} attempts")]
    private static partial void LogTestFailed(ILogger logger, string endpointId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook test skipped due to open circuit breaker: endpoint {EndpointId}")]
    private static partial void LogTestSkipped(ILogger logger, string endpointId);
}
