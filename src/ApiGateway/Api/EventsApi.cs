using System.Text.Json;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api;

internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/events").WithTags("Events").MapPost("/", PublishEvent).RequireAuthorization(Policies.Publish)
            .WithMetadata(new DocumentedError(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                "the id, or the Idempotency-Key, was used for another type or data; details.eventId names that event."))
            .WithMetadata(new DocumentedHeader(IdempotencyKeys.Header,
                "Makes a publish without an id safe to retry: for 24 h the same key and body answer the first result, another body 409. Printable ASCII.",
                IdempotencyKeys.MaxLength));
        return routes;
    }

    public static IEndpointRouteBuilder MapEventTypesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/event-types").WithTags("Event types");
        group.MapGet("/", ListEventTypes).RequireAuthorization(Policies.Read);
        group.MapPost("/", RegisterEventType).RequireAuthorization(Policies.Publish);
        return routes;
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
        });
        return Envelope.Accepted(context, result);
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

    /// <summary>List event types: the built-in ones and those registered.</summary>
    public static async Task<Ok<ApiSuccess<EventType[]>>> ListEventTypes(IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEventTypeRegistryGrain>(IEventTypeRegistryGrain.Key).ListAsync());

    /// <summary>Register an event type (idempotent).</summary>
    public static async Task<Created<ApiSuccess<EventType>>> RegisterEventType(RegisterEventTypeRequest body, IGrainFactory grains, HttpContext context)
    {
        var type = await grains.GetGrain<IEventTypeRegistryGrain>(IEventTypeRegistryGrain.Key).RegisterAsync(body.Name ?? string.Empty, body.Description);
        return Envelope.Created(context, "/api/event-types", type);
    }
}
