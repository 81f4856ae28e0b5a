using System.Text;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Validation;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Events;

/// <summary>
/// The single way in for publishing, shared by the gateway and grain clients: it validates, then
/// hands the event to its own <see cref="EventGrain"/>, which makes publishing idempotent per id.
/// </summary>
[StatelessWorker, GrainType("publisher")]
public sealed class EventPublisherGrain(IOptions<DeliveryOptions> options, KnownEventTypes knownTypes) : Grain, IEventPublisherGrain
{
    public async Task<PublishResult> PublishAsync(PublishRequest request)
    {
        var errors = new Dictionary<string, string>();
        if (FieldRules.CheckEventId(request.Id) is { } idProblem)
        {
            errors["id"] = idProblem;
        }

        if (request.ApplicationId is not null && FieldRules.CheckEventId(request.ApplicationId) is { } applicationProblem)
        {
            errors["applicationId"] = applicationProblem;
        }

        if (FieldRules.CheckEventTypeName(request.Type) is { } typeProblem)
        {
            errors["type"] = typeProblem;
        }
        else if (!await IsKnownTypeAsync(request.Type))
        {
            errors["type"] = $"unknown event type '{request.Type}'";
        }

        if (request.Data is not null && Encoding.UTF8.GetByteCount(request.Data) > options.Value.MaxEventBytes)
        {
            errors["data"] = $"must be at most {options.Value.MaxEventBytes} bytes";
        }
        else if (FieldRules.CheckDataObject(request.Data) is { } dataProblem)
        {
            errors["data"] = dataProblem;
        }

        if (request.IdempotencyKey is { } key)
        {
            if (IdempotencyKeys.Check(key) is { } keyProblem)
            {
                errors["idempotencyKey"] = keyProblem;
            }

            if (IdempotencyKeys.CheckScope(request.IdempotencyScope) is { } scopeProblem)
            {
                errors["idempotencyScope"] = scopeProblem;
            }
        }

        FieldRules.ThrowIfAny(errors);

        var applicationId = ApplicationIds.Of(request.ApplicationId);
        var eventId = request.Id ?? PlatformIds.NewEventId();
        if (request.IdempotencyKey is { } idempotencyKey)
        {
            // Claimed before the event is stored: a crash in between leaves the key naming an event
            // not yet published, and the client's retry publishes it under that id. The scope names
            // the application, so one caller's key in two applications names two events.
            eventId = await GrainFactory.GetGrain<IIdempotencyKeyGrain>(IdempotencyKeyGrain.KeyFor(EventKeys.For(applicationId, request.IdempotencyScope!), idempotencyKey))
                .ClaimAsync(EventFingerprint.OfRequest(request.Id, request.Type, request.Data!), eventId);
        }

        return await GrainFactory.GetGrain<IEventGrain>(EventKeys.For(applicationId, eventId)).PublishAsync(request.Type, request.Data!);
    }

    public async Task<PayloadErasure> ErasePayloadAsync(string? applicationId, string eventId)
    {
        var errors = new Dictionary<string, string>();
        if (FieldRules.CheckEventId(eventId) is { } idProblem)
        {
            errors["eventId"] = idProblem;
        }

        if (applicationId is not null && FieldRules.CheckEventId(applicationId) is { } applicationProblem)
        {
            errors["applicationId"] = applicationProblem;
        }

        FieldRules.ThrowIfAny(errors);
        return await GrainFactory.GetGrain<IEventGrain>(EventKeys.For(ApplicationIds.Of(applicationId), eventId)).ErasePayloadAsync()
            ?? throw new WebhookPlatformException(ErrorCodes.NotFound, $"Event '{eventId}' not found.");
    }

    private async ValueTask<bool> IsKnownTypeAsync(string type)
    {
        if (knownTypes.Contains(type))
        {
            return true;
        }

        var known = await GrainFactory.GetGrain<IEventTypeRegistryInternalGrain>(IEventTypeRegistryGrain.Key).IsKnownAsync(type);
        if (known)
        {
            knownTypes.Add(type);
        }

        return known;
    }
}
