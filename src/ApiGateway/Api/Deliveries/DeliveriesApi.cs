using Akademia.Webhooks.ApiGateway.Api.Applications;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Deliveries;

/// <summary>
/// Deliveries: each one's record, and what an admin does about them under <c>/api/admin/webhooks</c>:
/// the dead-letter queue of those that gave up, and making the pending ones attempt now.
/// </summary>
internal static class DeliveriesApi
{
    /// <summary>Maps the routes; the answer is the <c>/api/deliveries</c> group (any role), the admin group is admin only.</summary>
    public static RouteGroupBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var deliveries = app.MapGroup("/api/deliveries").WithTags("Deliveries").AddEndpointFilter(ApplicationScope.DefaultApplicationOnly).MapDeliveryRoutes();

        // The admin routes span every application; applicationId filters the list and the batch replay.
        var admin = app.MapGroup("/api/admin/webhooks").WithTags("Admin").RequireAuthorization(Policies.Admin);
        var deadLetters = admin.MapGroup("/dead-letter-queue");
        deadLetters.MapGet("/", ListDeadLetters);
        deadLetters.MapPost("/replay", ReplayDeadLetters);
        deadLetters.MapGet("/{id}", GetDeadLetter);
        deadLetters.MapDelete("/{id}", DeleteDeadLetter).VisibleEntryOnly();
        deadLetters.MapPost("/{id}/replay", ReplayDeadLetter).VisibleEntryOnly()
            .WithMetadata(new DocumentedError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "the entry's endpoint was deleted."));
        admin.MapPost("/process", ProcessPendingDeliveries);
        return deliveries;
    }

    /// <summary>The delivery routes on <paramref name="deliveries"/>, for the route's application.</summary>
    public static RouteGroupBuilder MapDeliveryRoutes(this RouteGroupBuilder deliveries)
    {
        deliveries.RequireAuthorization(Policies.Read);
        deliveries.MapGet("/{deliveryId}", GetDelivery);
        return deliveries;
    }

    /// <summary>An application's own dead letters on <paramref name="deadLetters"/>: listed, read and replayed within it.</summary>
    public static RouteGroupBuilder MapApplicationDeadLetterRoutes(this RouteGroupBuilder deadLetters)
    {
        deadLetters.RequireAuthorization(Policies.Read);
        deadLetters.MapGet("/", ListApplicationDeadLetters);
        deadLetters.MapGet("/{id}", GetDeadLetter);
        deadLetters.MapPost("/{id}/replay", ReplayDeadLetter).RequireAuthorization(Policies.Publish).VisibleEntryOnly()
            .WithMetadata(new DocumentedError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "the entry's endpoint was deleted."));
        return deadLetters;
    }

    // An entry outside the route's application (or the caller's scope) answers 404 before anything changes.
    private static RouteHandlerBuilder VisibleEntryOnly(this RouteHandlerBuilder route) => route.AddEndpointFilter(async (invocation, next) =>
    {
        var context = invocation.HttpContext;
        if (context.Request.RouteValues["id"] is string id
            && await context.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IDeadLetterGrain>(id).GetAsync() is { } entry
            && !ApplicationScope.Sees(context, ApplicationIds.Of(entry.ApplicationId)))
        {
            return Envelope.NotFound(context, $"Dead-letter entry '{id}' not found.");
        }

        return await next(invocation);
    });

    /// <summary>One delivery with every attempt.</summary>
    public static async Task<Results<Ok<ApiSuccess<Delivery>>, JsonHttpResult<ApiError>>> GetDelivery(string deliveryId, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync() is { } delivery && ApplicationScope.Owns(context, ApplicationIds.Of(delivery.ApplicationId))
            ? Envelope.Ok(context, delivery)
            : Envelope.NotFound(context, $"Delivery '{deliveryId}' not found.");

    /// <summary>Dead-letter entries of every application (or of applicationId), newest first, filtered and paged.</summary>
    public static Task<Ok<ApiSuccess<DeadLetterPageView>>> ListDeadLetters(
        IGrainFactory grains, HttpContext context, string? applicationId, string? webhookConfigId, string? eventType, DateTimeOffset? from, DateTimeOffset? to,
        bool? includeDeleted, int? limit, string? cursor) =>
        ListDeadLettersOf(grains, context, AdminFilter(context, applicationId), webhookConfigId, eventType, from, to, includeDeleted, limit, cursor);

    /// <summary>The application's dead-letter entries, newest first, filtered and paged.</summary>
    public static Task<Ok<ApiSuccess<DeadLetterPageView>>> ListApplicationDeadLetters(
        IGrainFactory grains, HttpContext context, string? webhookConfigId, string? eventType, DateTimeOffset? from, DateTimeOffset? to,
        bool? includeDeleted, int? limit, string? cursor) =>
        ListDeadLettersOf(grains, context, ApplicationScope.Of(context), webhookConfigId, eventType, from, to, includeDeleted, limit, cursor);

    private static async Task<Ok<ApiSuccess<DeadLetterPageView>>> ListDeadLettersOf(
        IGrainFactory grains, HttpContext context, string? applicationId, string? webhookConfigId, string? eventType, DateTimeOffset? from, DateTimeOffset? to,
        bool? includeDeleted, int? limit, string? cursor)
    {
        var page = await grains.GetGrain<IDeadLetterQueueGrain>(IDeadLetterQueueGrain.Key).ListAsync(new DeadLetterQuery
        {
            ApplicationId = applicationId,
            EndpointId = webhookConfigId,
            EventType = eventType,
            From = from,
            To = to,
            IncludeDeleted = includeDeleted ?? false,
            Limit = limit ?? 20,
            Cursor = cursor,
        });
        return Envelope.Ok(context, new DeadLetterPageView([.. page.Items.Select(DeadLetterView.Of)], page.NextCursor));
    }

    /// <summary>Replay the dead-letter entries matching the filters, up to limit; entries already replayed only with includeReplayed=true.</summary>
    public static async Task<Ok<ApiSuccess<BatchReplayResult>>> ReplayDeadLetters(
        IGrainFactory grains, HttpContext context, string? applicationId, string? webhookConfigId, string? eventType, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        bool? includeReplayed) =>
        Envelope.Ok(context, await grains.GetGrain<IDeadLetterQueueGrain>(IDeadLetterQueueGrain.Key).ReplayAsync(new DeadLetterQuery
        {
            ApplicationId = AdminFilter(context, applicationId),
            EndpointId = webhookConfigId,
            EventType = eventType,
            From = from,
            To = to,
            Limit = limit ?? 20,
            IncludeReplayed = includeReplayed ?? false,
        }));

    /// <summary>One dead-letter entry, also when soft-deleted.</summary>
    public static async Task<Results<Ok<ApiSuccess<DeadLetterView>>, JsonHttpResult<ApiError>>> GetDeadLetter(string id, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IDeadLetterGrain>(id).GetAsync() is { } entry && ApplicationScope.Sees(context, ApplicationIds.Of(entry.ApplicationId))
            ? Envelope.Ok(context, DeadLetterView.Of(entry))
            : Envelope.NotFound(context, $"Dead-letter entry '{id}' not found.");

    /// <summary>Delete a dead-letter entry (soft: listed with includeDeleted=true).</summary>
    public static async Task<Ok<ApiSuccess<DeadLetterView>>> DeleteDeadLetter(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, DeadLetterView.Of(await grains.GetGrain<IDeadLetterGrain>(id).DeleteAsync()));

    /// <summary>Replay one dead-letter entry: a new delivery of the same event with the same webhook-id.</summary>
    public static async Task<Ok<ApiSuccess<ReplayResult>>> ReplayDeadLetter(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IDeadLetterGrain>(id).ReplayAsync());

    // A caller scoped to one application sees only that one, whatever the query names.
    private static string? AdminFilter(HttpContext context, string? applicationId) => ApplicationAccess.ScopeOf(context.User) ?? applicationId;

    /// <summary>Make every pending delivery that is due (all of them with force=true) attempt now, of one application with applicationId=.</summary>
    public static async Task<Ok<ApiSuccess<ProcessResult>>> ProcessPendingDeliveries(IGrainFactory grains, HttpContext context, bool? force, string? applicationId) =>
        Envelope.Ok(context, new ProcessResult(await grains.GetGrain<IDeliveryAdminGrain>(0).ProcessPendingAsync(force ?? false, AdminFilter(context, applicationId))));
}
