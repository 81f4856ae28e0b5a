using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Akademia.Webhooks.Grains.Attempts;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Grains.Hosting;
using Akademia.Webhooks.Grains.Security;
using Akademia.Webhooks.Grains.Signing;
using Akademia.Webhooks.Grains.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Endpoints;

[GrainType("endpoint")]
public sealed partial class EndpointGrain(
    [PersistentState("endpoint", StorageNames.Webhooks)] IPersistentState<EndpointState> state,
    SecretProtector protector,
    DestinationPolicy destinations,
    WebhookSender sender,
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

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EndpointIdPattern();

    private string Id => this.GetPrimaryKeyString();

    private IEndpointDirectoryInternalGrain Index => GrainFactory.GetGrain<IEndpointDirectoryInternalGrain>(IEndpointDirectoryGrain.Key);

    public async Task<CreatedEndpoint> CreateAsync(EndpointDefinition definition)
    {
        if (state.State.Endpoint is not null)
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict, $"Endpoint '{Id}' already exists.");
        }

        var errors = new Dictionary<string, string>();
        if (!EndpointIdPattern().IsMatch(Id))
        {
            errors["id"] = "must be 1-64 letters, digits, '_' or '-'";
        }

        CheckUrl(definition.Url, errors);
        await CheckEventsAsync(definition.Events, errors);
        WebhookValidation.CheckDescription(definition.Description, errors);
        WebhookValidation.CheckHeaders(definition.Headers, errors);
        WebhookValidation.CheckSecret(definition.Secret, errors);
        CheckDeliveryControls(definition.RetryPolicy, definition.FailoverUrl, definition.Sla, errors);
        CheckRateLimit(definition.RateLimit, errors);
        WebhookValidation.ThrowIfAny(errors);

        var now = timeProvider.GetUtcNow();
        var endpoint = new EndpointDetails
        {
            Id = Id,
            Url = definition.Url,
            Events = definition.Events.Distinct(StringComparer.Ordinal).ToArray(),
            Active = definition.Active,
            Description = definition.Description,
            Headers = definition.Headers is null ? [] : new Dictionary<string, string>(definition.Headers),
            RetryPolicy = definition.RetryPolicy,
            FailoverUrl = string.IsNullOrEmpty(definition.FailoverUrl) ? null : definition.FailoverUrl,
            Sla = definition.Sla,
            RateLimit = definition.RateLimit,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var secret = definition.Secret ?? WebhookSecret.Generate();
        state.State = state.State with { Endpoint = endpoint, ProtectedSecret = protector.Protect(secret) };
        await state.WriteStateAsync();
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
        var errors = new Dictionary<string, string>();
        if (patch.Url is not null)
        {
            CheckUrl(patch.Url, errors);
        }

        if (patch.Events is not null)
        {
            await CheckEventsAsync(patch.Events, errors);
        }

        WebhookValidation.CheckDescription(patch.Description, errors);
        WebhookValidation.CheckHeaders(patch.Headers, errors);
        CheckDeliveryControls(patch.RetryPolicy, patch.FailoverUrl, patch.Sla, errors);
        CheckRateLimit(patch.RateLimit, errors);
        CheckSignWith(patch.SignWith, errors);
        WebhookValidation.ThrowIfAny(errors);

        var updated = current with
        {
            RetryPolicy = patch.RetryPolicy ?? current.RetryPolicy,
            FailoverUrl = patch.FailoverUrl is null ? current.FailoverUrl : patch.FailoverUrl.Length == 0 ? null : patch.FailoverUrl,
            Sla = patch.Sla ?? current.Sla,
            RateLimit = patch.RateLimit ?? current.RateLimit,
            Url = patch.Url ?? current.Url,
            Events = patch.Events?.Distinct(StringComparer.Ordinal).ToArray() ?? current.Events,
            Active = patch.Active ?? current.Active,
            Description = patch.Description ?? current.Description,
            Headers = patch.Headers is null ? current.Headers : new Dictionary<string, string>(patch.Headers),
            SignWith = patch.SignWith ?? current.SignWith,
            UpdatedAt = timeProvider.GetUtcNow(),
        };
        state.State = state.State with { Endpoint = updated };
        await state.WriteStateAsync();
        await Index.UpsertAsync(updated);
        return updated;
    }

    public async Task DeleteAsync()
    {
        var current = LiveEndpoint ?? throw NotFound();
        var now = timeProvider.GetUtcNow();
        var deleted = current with { DeletedAt = now, UpdatedAt = now, Active = false };
        state.State = state.State with { Endpoint = deleted };
        await state.WriteStateAsync();
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
        var errors = new Dictionary<string, string>();
        CheckSignWith(rotation.SignWith, errors);
        WebhookValidation.ThrowIfAny(errors);
        var now = timeProvider.GetUtcNow();
        var inWindow = state.State.PreviousSecrets.Where(p => p.ExpiresAt > now).ToArray();
        if (inWindow.Length >= options.Value.MaxPreviousSecrets)
        {
            throw new WebhookPlatformException(ErrorCodes.Conflict,
                $"Endpoint '{Id}' already has {inWindow.Length} previous secrets in their rotation window; retry after {inWindow.Min(p => p.ExpiresAt):O}.");
        }

        var secret = WebhookSecret.Generate();
        var expiresAt = now + options.Value.SecretRotationWindow;
        state.State = state.State with
        {
            ProtectedSecret = protector.Protect(secret),
            PreviousSecrets = [new PreviousSecret(state.State.ProtectedSecret!, expiresAt), .. inWindow],
            Endpoint = endpoint with { UpdatedAt = now, SignWith = rotation.SignWith ?? endpoint.SignWith },
        };
        await state.WriteStateAsync();
        LogSecretRotated(logger, Id);
        return new RotatedSecret(secret, expiresAt, state.State.Endpoint!.SignWith);
    }

    public async Task<EndpointTestResult> TestAsync()
    {
        // A test goes to the primary URL only, takes no slot and leaves health and rate alone; the breaker still decides.
        var target = await GetTargetAsync() is { Deleted: false } t ? t with { FailoverUrl = null, PreferFailover = false } : throw NotFound();
        var eventId = "test_" + Guid.CreateVersion7().ToString("N");
        var messageId = PlatformIds.DeliveryId(eventId, Id);
        var pipeline = new AttemptPipeline(GrainFactory, sender, timeProvider, logger);
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
        var secrets = state.State.PreviousSecrets
            .Where(p => p.ExpiresAt > now)
            .Select(p => p.ProtectedSecret)
            .Prepend(current)
            .Select(protector.Unprotect)
            .ToArray();
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
            // The previous secret is the newest one rotated out; once its window ends, only the new one is left.
            SpecSecretIndex = endpoint.SignWith == SpecSignatureSecrets.Previous && secrets.Length > 1 ? 1 : 0,
        });
    }

    private static void CheckSignWith(string? signWith, Dictionary<string, string> errors)
    {
        if (signWith is not null && !SpecSignatureSecrets.IsValid(signWith))
        {
            errors["signWith"] = $"must be \"{SpecSignatureSecrets.New}\" or \"{SpecSignatureSecrets.Previous}\"";
        }
    }

    public async Task ReportAttemptAsync(AttemptReport report)
    {
        if (LiveEndpoint is not { } endpoint)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        _health.Add(report, now);
        if (report.Succeeded)
        {
            _consecutiveFailures = 0;
            var recovered = state.State.FailingAnnounced;
            if (state.State.FailingSince is not null)
            {
                state.State = state.State with { FailingSince = null, FailingAnnounced = false };
                await state.WriteStateAsync();
            }

            if (recovered)
            {
                await EmitAsync(OperationalEvents.EndpointRecovered, report.At, new() { ["url"] = report.Url, ["deliveryId"] = report.DeliveryId });
            }

            return;
        }

        _consecutiveFailures++;
        if (state.State.FailingSince is null)
        {
            state.State = state.State with { FailingSince = report.At };
            await state.WriteStateAsync();
        }

        var failingSince = state.State.FailingSince.Value;
        if (_consecutiveFailures >= options.Value.FailingAfterConsecutiveFailures && !state.State.FailingAnnounced)
        {
            state.State = state.State with { FailingAnnounced = true };
            await state.WriteStateAsync();
            await EmitAsync(OperationalEvents.EndpointFailing, failingSince, new()
            {
                ["url"] = report.Url,
                ["consecutiveFailures"] = _consecutiveFailures,
                ["lastStatus"] = report.StatusCode,
                ["lastError"] = report.ErrorCode,
                ["failingSince"] = failingSince,
            });
        }

        if (report.StatusCode == 410)
        {
            await DisableAsync(endpoint, $"{report.Url} answered 410 Gone", failingSince);
        }
        else if (now - failingSince >= options.Value.AutoDisableAfter)
        {
            await DisableAsync(endpoint, $"failing without a success since {failingSince:O}", failingSince);
        }
    }

    public Task<EndpointHealth> GetHealthAsync() => LiveEndpoint is { } endpoint ? HealthOfAsync(endpoint) : throw NotFound();

    public async Task<EndpointDetails> EnableAsync()
    {
        var current = LiveEndpoint ?? throw NotFound();
        var enabled = current with { Active = true, DisabledReason = null, DisabledAt = null, UpdatedAt = timeProvider.GetUtcNow() };
        _consecutiveFailures = 0;
        state.State = state.State with { Endpoint = enabled, FailingSince = null, FailingAnnounced = false };
        await state.WriteStateAsync();
        await Index.UpsertAsync(enabled);
        return enabled;
    }

    private async Task<EndpointHealth> HealthOfAsync(EndpointDetails endpoint)
    {
        var now = timeProvider.GetUtcNow();
        var (attempts, errorRate, timeoutRate, average) = _health.Metrics(now);
        bool? compliant = endpoint.Sla is { } sla && attempts > 0
            ? (sla.MinAvailability is not { } min || 100 * (1 - errorRate) >= min) && (sla.MaxResponseTimeMs is not { } max || average <= max)
            : null;
        return new EndpointHealth
        {
            EndpointId = Id,
            Score = Math.Round(_health.Score(now), 3),
            Attempts = attempts,
            ErrorRate = Math.Round(errorRate, 4),
            TimeoutRate = Math.Round(timeoutRate, 4),
            AverageResponseTimeMs = Math.Round(average, 2),
            ConsecutiveFailures = _consecutiveFailures,
            FailingSince = state.State.FailingSince,
            SlaCompliant = compliant,
            CircuitBreaker = await GrainFactory.GetGrain<ICircuitBreakerGrain>(CircuitBreakerKeys.For(endpoint.Url)).GetAsync(),
            Active = endpoint.Active,
        };
    }

    private async Task DisableAsync(EndpointDetails endpoint, string reason, DateTimeOffset failingSince)
    {
        if (!endpoint.Active)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var disabled = endpoint with { Active = false, DisabledReason = reason, DisabledAt = now, UpdatedAt = now };
        state.State = state.State with { Endpoint = disabled };
        await state.WriteStateAsync();
        await Index.UpsertAsync(disabled);
        LogDisabled(logger, Id, reason);
        await EmitAsync(OperationalEvents.EndpointDisabled, failingSince, new() { ["url"] = endpoint.Url, ["reason"] = reason });
    }

    /// <summary>
    /// Publishes an operational event about this endpoint to everyone subscribed but this endpoint.
    /// Its occasion is the endpoint and the moment, so a repeat (a retried report) publishes nothing new.
    /// </summary>
    private Task EmitAsync(string type, DateTimeOffset occasion, Dictionary<string, object?> data)
    {
        data["endpointId"] = Id;
        return operationalEvents.EmitAsync(type, Id, string.Create(CultureInfo.InvariantCulture, $"{Id}_{occasion.UtcTicks}"), data);
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

    private EndpointDetails? LiveEndpoint => state.State.Endpoint is { DeletedAt: null } endpoint ? endpoint : null;

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Endpoint '{Id}' not found.");

    private void CheckUrl(string? url, Dictionary<string, string> errors)
    {
        if (WebhookValidation.CheckUrl(url) is { } problem)
        {
            errors["url"] = problem;
            return;
        }

        // Hostnames are checked when connecting, after resolution; a literal address can be refused now.
        var host = new Uri(url!).Host;
        if (DestinationPolicy.ParseLiteral(host) is { } address && !destinations.IsAllowed(address))
        {
            errors["url"] = string.Create(CultureInfo.InvariantCulture, $"points at {address}, a private, loopback or reserved address that deliveries may not reach");
        }
    }

    private void CheckDeliveryControls(RetryPolicy? policy, string? failoverUrl, EndpointSla? sla, Dictionary<string, string> errors)
    {
        if (policy is not null)
        {
            foreach (var (field, problem) in DeliveryBackoff.Check(policy))
            {
                errors[field] = problem;
            }
        }

        if (!string.IsNullOrEmpty(failoverUrl))
        {
            var failoverErrors = new Dictionary<string, string>();
            CheckUrl(failoverUrl, failoverErrors);
            if (failoverErrors.TryGetValue("url", out var problem))
            {
                errors["failoverUrl"] = problem;
            }
        }

        if (sla?.MinAvailability is < 0 or > 100)
        {
            errors["sla.minAvailability"] = "must be a percentage from 0 to 100";
        }

        if (sla?.MaxResponseTimeMs is <= 0)
        {
            errors["sla.maxResponseTimeMs"] = "must be positive";
        }
    }

    private static void CheckRateLimit(EndpointRateLimit? limit, Dictionary<string, string> errors)
    {
        if (limit is null)
        {
            return;
        }

        if (limit.PerSecond is <= 0 or > 10_000)
        {
            errors["rateLimit.perSecond"] = "must be between 0 and 10000";
        }

        if (limit.MinPerSecond is { } min && (min <= 0 || min > limit.PerSecond))
        {
            errors["rateLimit.minPerSecond"] = "must be positive and at most perSecond";
        }

        if (limit.MaxPerSecond is { } max && (max < limit.PerSecond || max > 10_000))
        {
            errors["rateLimit.maxPerSecond"] = "must be at least perSecond and at most 10000";
        }
    }

    private async Task CheckEventsAsync(string[]? events, Dictionary<string, string> errors)
    {
        var named = events?.Where(e => e != WebhookValidation.AllEvents && WebhookValidation.CheckEventTypeName(e) is null).ToArray() ?? [];
        var known = named.Length == 0
            ? []
            : (await GrainFactory.GetGrain<IEventTypeRegistryInternalGrain>(IEventTypeRegistryGrain.Key).GetKnownAsync(named)).ToHashSet(StringComparer.Ordinal);
        WebhookValidation.CheckEvents(events, errors, known.Contains);
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
