using System.Text.Json;
using Akademia.Webhooks.ApiGateway.Api.Applications;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Events;

internal static class EventsApi
{
    /// <summary>Publishing at <c>/api/events</c>, to the default application.</summary>
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/events").WithTags("Events").AddEndpointFilter(ApplicationScope.DefaultApplicationOnly).MapEventPayloadRoutes();
        return app.MapGroup("/api/events").WithTags("Events").AddEndpointFilter(ApplicationScope.DefaultApplicationOnly).MapEventRoutes();
    }

    /// <summary>
    /// Erasing an event's payload on <paramref name="events"/>, for the route's application: publishers
    /// and admins, like publishing, but outside the publish budget (its own group), since an erasure is
    /// not a publish.
    /// </summary>
    public static RouteGroupBuilder MapEventPayloadRoutes(this RouteGroupBuilder events)
    {
        events.RequireAuthorization(Policies.Publish);
        events.MapDelete("/{eventId}/payload", ErasePayload);
        return events;
    }

    /// <summary>The publish route on <paramref name="events"/>, for the route's application.</summary>
    public static RouteGroupBuilder MapEventRoutes(this RouteGroupBuilder events)
    {
        events.RequireAuthorization(Policies.Publish);
        events.MapPost("/", PublishEvent)
            .WithMetadata(new DocumentedError(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                "the id, or the Idempotency-Key, was used for another type or data; details.eventId names that event."))
            .WithMetadata(new DocumentedHeader(IdempotencyKeys.Header,
                "Makes a publish without an id safe to retry: for 24 h the same key and body answer the first result, another body 409. Printable ASCII.",
                IdempotencyKeys.MaxLength));
        return events;
    }

    /// <summary>
    /// Publish an event: 202 once it is durably stored. A repeated id with the same type and data, or
    /// a repeated <c>Idempotency-Key</c> with the same body, answers the original result; with anything
    /// different, 409.
    /// </summary>
    public static async Task<Accepted<ApiSuccess<PublishResult>>> PublishEvent(PublishEventRequest body, IGrainFactory grains, HttpContext context)
    {
        var idempotencyKey = IdempotencyKeyOf(context.Request);

        // Absent data reaches the publisher as null and is reported there, with every other field.
        var data = body.Data is { ValueKind: not JsonValueKind.Undefined } element ? element.GetRawText() : null;
        var result = await grains.GetGrain<IEventPublisherGrain>(0).PublishAsync(new PublishRequest
        {
            Id = body.Id,
            Type = body.Type ?? string.Empty,
            Data = data!,
            IdempotencyKey = idempotencyKey,
            // Set by authentication, which this route requires; the key itself never leaves it.
            IdempotencyScope = idempotencyKey is null ? null : context.User.FindFirst(ApiKeyHandler.CallerScopeClaim)?.Value,
            ApplicationId = ApplicationScope.Of(context),
        });
        return Envelope.Accepted(context, result);
    }

    /// <summary>
    /// Erase an event's payload, for a privacy request: its stored body and its copies in dead-letter
    /// entries become empty; the delivery metadata stays, and deliveries still pending end canceled.
    /// Idempotent, and it works when a copy was already purged. 404 for an event never published or
    /// already purged by retention.
    /// </summary>
    public static async Task<Ok<ApiSuccess<PayloadErasure>>> ErasePayload(string eventId, IGrainFactory grains, HttpContext context)
    {
        var erased = await grains.GetGrain<IEventPublisherGrain>(0).ErasePayloadAsync(ApplicationScope.Of(context), eventId);
        return Envelope.Ok(context, erased);
    }

    // Checked here as well as in the publisher so that the answer names the header, not a member.
    private static string? IdempotencyKeyOf(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(IdempotencyKeys.Header, out var values))
        {
            return null;
        }

        var problem = values.Count != 1 ? "must be sent once" : IdempotencyKeys.Check(values[0] ?? string.Empty);
        return problem is null ? values[0] : throw new ValidationFailedException(new() { [IdempotencyKeys.Header] = problem });
    }
}
