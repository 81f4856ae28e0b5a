using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api;

internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/webhooks").WithTags("Admin").RequireAuthorization(Policies.Admin);
        var dlq = admin.MapGroup("/dead-letter-queue");
        dlq.MapGet("/", ListDeadLetters);
        dlq.MapPost("/replay", ReplayDeadLetters);
        dlq.MapGet("/{id}", GetDeadLetter);
        dlq.MapDelete("/{id}", DeleteDeadLetter);
        dlq.MapPost("/{id}/replay", ReplayDeadLetter)
            .WithMetadata(new DocumentedError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "the entry's endpoint was deleted."));
        admin.MapPost("/process", ProcessPendingDeliveries);
        admin.MapPost("/{id}/circuit-breaker/reset", ResetCircuitBreaker);
        routes.MapGroup("/api/admin/monitor").WithTags("Admin").RequireAuthorization(Policies.Admin).MapGet("/", GetMonitor);
        routes.MapGroup("/api/admin/endpoints").WithTags("Admin").RequireAuthorization(Policies.Admin).MapGet("/health", ListEndpointHealth);
        return routes;
    }

    /// <summary>Dead-letter entries, newest first, filtered and paged.</summary>
    public static async Task<Ok<ApiSuccess<DeadLetterPageView>>> ListDeadLetters(
        IGrainFactory grains, HttpContext context, string? webhookConfigId, string? eventType, DateTimeOffset? from, DateTimeOffset? to,
        bool? includeDeleted, int? limit, string? cursor)
    {
        var page = await grains.GetGrain<IDeadLetterQueueGrain>(IDeadLetterQueueGrain.Key).ListAsync(new DeadLetterQuery
        {
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

    /// <summary>Replay the dead-letter entries matching the filters, up to limit.</summary>
    public static async Task<Ok<ApiSuccess<BatchReplayResult>>> ReplayDeadLetters(
        IGrainFactory grains, HttpContext context, string? webhookConfigId, string? eventType, DateTimeOffset? from, DateTimeOffset? to, int? limit) =>
        Envelope.Ok(context, await grains.GetGrain<IDeadLetterQueueGrain>(IDeadLetterQueueGrain.Key).ReplayAsync(new DeadLetterQuery
        {
            EndpointId = webhookConfigId,
            EventType = eventType,
            From = from,
            To = to,
            Limit = limit ?? 20,
        }));

    /// <summary>One dead-letter entry, also when soft-deleted.</summary>
    public static async Task<Results<Ok<ApiSuccess<DeadLetterView>>, JsonHttpResult<ApiError>>> GetDeadLetter(string id, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IDeadLetterGrain>(id).GetAsync() is { } entry
            ? Envelope.Ok(context, DeadLetterView.Of(entry))
            : Envelope.NotFound(context, $"Dead-letter entry '{id}' not found.");

    /// <summary>Delete a dead-letter entry (soft: listed with includeDeleted=true).</summary>
    public static async Task<Ok<ApiSuccess<DeadLetterView>>> DeleteDeadLetter(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, DeadLetterView.Of(await grains.GetGrain<IDeadLetterGrain>(id).DeleteAsync()));

    /// <summary>Replay one dead-letter entry: a new delivery of the same event with the same webhook-id.</summary>
    public static async Task<Ok<ApiSuccess<ReplayResult>>> ReplayDeadLetter(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IDeadLetterGrain>(id).ReplayAsync());

    /// <summary>Make every pending delivery that is due (all of them with force=true) attempt now.</summary>
    public static async Task<Ok<ApiSuccess<ProcessResult>>> ProcessPendingDeliveries(IGrainFactory grains, HttpContext context, bool? force) =>
        Envelope.Ok(context, new ProcessResult(await grains.GetGrain<IDeliveryAdminGrain>(0).ProcessPendingAsync(force ?? false)));

    /// <summary>Every endpoint's health, worst first.</summary>
    public static async Task<Ok<ApiSuccess<EndpointHealth[]>>> ListEndpointHealth(IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointDirectoryGrain>(IEndpointDirectoryGrain.Key).ListHealthAsync());

    /// <summary>The integration monitor: events, deliveries, errors and rate limiting, cluster-wide.</summary>
    public static async Task<Ok<ApiSuccess<MonitorSnapshot>>> GetMonitor(IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IIntegrationMonitorGrain>(IIntegrationMonitorGrain.Key).GetAsync());

    /// <summary>Close the circuit breaker of the endpoint's URL.</summary>
    public static async Task<Ok<ApiSuccess<CircuitBreakerSnapshot>>> ResetCircuitBreaker(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).ResetCircuitBreakerAsync());
}
