using System.Text.RegularExpressions;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Signing;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.Endpoints;

[GenerateSerializer, Alias("akademia.EndpointState")]
public sealed record EndpointState
{
    [Id(0)] public WebhookEndpoint? Endpoint { get; init; }

    [Id(1)] public string? Secret { get; init; }
}

[GrainType("endpoint")]
public sealed partial class WebhookEndpointGrain(
    [PersistentState("endpoint", StorageNames.Webhooks)] IPersistentState<EndpointState> state,
    TimeProvider timeProvider)
    : Grain, IWebhookEndpointGrain, IEndpointTargetGrain
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EndpointIdPattern();

    private string Id => this.GetPrimaryKeyString();

    private IEndpointIndexGrain Index => GrainFactory.GetGrain<IEndpointIndexGrain>(IEndpointDirectoryGrain.Key);

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

        if (WebhookValidation.CheckUrl(definition.Url) is { } urlProblem)
        {
            errors["url"] = urlProblem;
        }

        await CheckEventsAsync(definition.Events, errors);
        WebhookValidation.CheckDescription(definition.Description, errors);
        WebhookValidation.CheckHeaders(definition.Headers, errors);
        WebhookValidation.CheckSecret(definition.Secret, errors);
        WebhookValidation.ThrowIfAny(errors);

        var now = timeProvider.GetUtcNow();
        var endpoint = new WebhookEndpoint
        {
            Id = Id,
            Url = definition.Url,
            Events = definition.Events.Distinct(StringComparer.Ordinal).ToArray(),
            Active = definition.Active,
            Description = definition.Description,
            Headers = definition.Headers is null ? [] : new Dictionary<string, string>(definition.Headers),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var secret = definition.Secret ?? WebhookSecret.Generate();
        state.State = state.State with { Endpoint = endpoint, Secret = secret };
        await state.WriteStateAsync();
        await Index.UpsertAsync(endpoint);
        return new CreatedEndpoint(endpoint, secret);
    }

    public Task<WebhookEndpoint?> GetAsync() => Task.FromResult(LiveEndpoint);

    public async Task<WebhookEndpoint> UpdateAsync(EndpointPatch patch)
    {
        var current = LiveEndpoint ?? throw NotFound();
        var errors = new Dictionary<string, string>();
        if (patch.Url is not null && WebhookValidation.CheckUrl(patch.Url) is { } urlProblem)
        {
            errors["url"] = urlProblem;
        }

        if (patch.Events is not null)
        {
            await CheckEventsAsync(patch.Events, errors);
        }

        WebhookValidation.CheckDescription(patch.Description, errors);
        WebhookValidation.CheckHeaders(patch.Headers, errors);
        WebhookValidation.ThrowIfAny(errors);

        var updated = current with
        {
            Url = patch.Url ?? current.Url,
            Events = patch.Events?.Distinct(StringComparer.Ordinal).ToArray() ?? current.Events,
            Active = patch.Active ?? current.Active,
            Description = patch.Description ?? current.Description,
            Headers = patch.Headers is null ? current.Headers : new Dictionary<string, string>(patch.Headers),
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

    public Task<DeliveryTarget?> GetTargetAsync() => Task.FromResult(
        state.State is { Endpoint: { } endpoint, Secret: { } secret }
            ? new DeliveryTarget
            {
                Url = endpoint.Url,
                Secrets = [secret],
                Headers = endpoint.Headers,
                Active = endpoint.Active,
                Deleted = endpoint.DeletedAt is not null,
            }
            : null);

    private WebhookEndpoint? LiveEndpoint => state.State.Endpoint is { DeletedAt: null } endpoint ? endpoint : null;

    private WebhookPlatformException NotFound() => new(ErrorCodes.NotFound, $"Endpoint '{Id}' not found.");

    private async Task CheckEventsAsync(string[]? events, Dictionary<string, string> errors)
    {
        var named = events?.Where(e => e != WebhookValidation.AllEvents && WebhookValidation.CheckEventTypeName(e) is null).ToArray() ?? [];
        var known = named.Length == 0
            ? []
            : (await GrainFactory.GetGrain<IEventTypeCatalogGrain>(IEventTypeRegistryGrain.Key).GetKnownAsync(named)).ToHashSet(StringComparer.Ordinal);
        WebhookValidation.CheckEvents(events, errors, known.Contains);
    }
}
