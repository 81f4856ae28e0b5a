using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Events;

internal static class EventTypesApi
{
    /// <summary>Every route needs a key that may read; registering a type also needs one that may publish.</summary>
    public static RouteGroupBuilder MapEventTypesApi(this IEndpointRouteBuilder app)
    {
        var eventTypes = app.MapGroup("/api/event-types").WithTags("Event types").RequireAuthorization(Policies.Read);
        eventTypes.MapGet("/", ListEventTypes);
        eventTypes.MapPost("/", RegisterEventType).RequireAuthorization(Policies.Publish);
        return eventTypes;
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
