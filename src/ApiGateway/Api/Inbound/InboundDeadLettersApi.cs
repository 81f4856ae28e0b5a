using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Inbound;

/// <summary>The inbound messages whose processing gave up, and their replay: admin only.</summary>
internal static class InboundDeadLettersApi
{
    public static RouteGroupBuilder MapInboundDeadLettersApi(this IEndpointRouteBuilder app)
    {
        // Grouped at the parent path: a group at the resource's own path would end the template of its
        // list route, which is the http.route label of the request metrics, with a slash.
        var deadLetters = app.MapGroup("/api/admin/inbound").WithTags("Inbound").RequireAuthorization(Policies.ClusterAdmin);
        deadLetters.MapGet("/dead-letter", ListInboundDeadLetters);
        deadLetters.MapPost("/dead-letter/replay", ReplayInboundDeadLetters);
        deadLetters.MapGet("/dead-letter/{id}", GetInboundDeadLetter);
        deadLetters.MapPost("/dead-letter/{id}/replay", ReplayInboundDeadLetter);
        return deadLetters;
    }

    public static async Task<Ok<ApiSuccess<InboundDeadLetterPage>>> ListInboundDeadLetters(
        IGrainFactory grains, HttpContext context, string? provider, string? sourceId, string? errorType, DateTimeOffset? from, DateTimeOffset? to,
        bool? includeReplayed, string? limit, string? cursor) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundDeadLetterQueueGrain>(IInboundDeadLetterQueueGrain.Key).ListAsync(new InboundDeadLetterQuery
        {
            Provider = provider,
            SourceId = sourceId,
            ErrorType = errorType,
            From = from,
            To = to,
            IncludeReplayed = includeReplayed ?? false,
            Limit = QueryLimit.Parse(limit),
            Cursor = cursor,
        }));

    public static async Task<Results<Ok<ApiSuccess<InboundDeadLetter>>, JsonHttpResult<ApiError>>> GetInboundDeadLetter(string id, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IInboundDeadLetterGrain>(id).GetAsync() is { } entry
            ? Envelope.Ok(context, entry)
            : Envelope.NotFound(context, $"Inbound dead-letter entry '{id}' not found.");

    public static async Task<Ok<ApiSuccess<InboundReplayResult>>> ReplayInboundDeadLetter(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundDeadLetterGrain>(id).ReplayAsync());

    public static async Task<Ok<ApiSuccess<InboundBatchReplayResult>>> ReplayInboundDeadLetters(
        IGrainFactory grains, HttpContext context, string? provider, DateTimeOffset? from, DateTimeOffset? to, string? errorType, string? limit) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundDeadLetterQueueGrain>(IInboundDeadLetterQueueGrain.Key).ReplayAsync(new InboundDeadLetterQuery
        {
            Provider = provider,
            From = from,
            To = to,
            ErrorType = errorType,
            Limit = QueryLimit.Parse(limit),
        }));
}
