using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Inbound;

/// <summary>The inbound messages received, and where each is in its processing: admin only.</summary>
internal static class InboundMessagesApi
{
    public static RouteGroupBuilder MapInboundMessagesApi(this IEndpointRouteBuilder app)
    {
        // Grouped at the parent path: a group at the resource's own path would end the template of its
        // list route, which is the http.route label of the request metrics, with a slash.
        var messages = app.MapGroup("/api/admin/inbound").WithTags("Inbound").RequireAuthorization(Policies.ClusterAdmin);
        messages.MapGet("/messages", ListInboundMessages);
        messages.MapGet("/messages/{id}", GetInboundMessage);
        return messages;
    }

    public static async Task<Ok<ApiSuccess<InboundMessagePage>>> ListInboundMessages(
        IGrainFactory grains, HttpContext context, string? sourceId, string? status, DateTimeOffset? from, DateTimeOffset? to, string? limit, string? cursor) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundAdminGrain>(0).ListMessagesAsync(new InboundMessageQuery
        {
            SourceId = sourceId,
            Status = ParseStatus(status),
            From = from,
            To = to,
            Limit = QueryLimit.Parse(limit),
            Cursor = cursor,
        }));

    public static async Task<Results<Ok<ApiSuccess<InboundMessage>>, JsonHttpResult<ApiError>>> GetInboundMessage(string id, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IInboundMessageGrain>(id).GetAsync() is { } message
            ? Envelope.Ok(context, message)
            : Envelope.NotFound(context, $"Inbound message '{id}' not found.");

    // Parsed here rather than bound, so that a bad value is reported against "status" like the grain
    // reports the others, instead of as an unreadable request.
    private static InboundMessageStatus? ParseStatus(string? status) =>
        string.IsNullOrEmpty(status) ? null
        : Enum.GetNames<InboundMessageStatus>().Contains(status, StringComparer.OrdinalIgnoreCase) ? Enum.Parse<InboundMessageStatus>(status, ignoreCase: true)
        : throw new ValidationFailedException(new() { ["status"] = "must be one of received, processing, retrying, processed, failed" });
}
