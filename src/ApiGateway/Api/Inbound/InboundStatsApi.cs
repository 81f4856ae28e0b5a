using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Inbound;

/// <summary>Inbound counts by source and status: admin only.</summary>
internal static class InboundStatsApi
{
    public static RouteGroupBuilder MapInboundStatsApi(this IEndpointRouteBuilder app)
    {
        // Grouped at the parent path: a group at the resource's own path would end the template of its
        // list route, which is the http.route label of the request metrics, with a slash.
        var stats = app.MapGroup("/api/admin/inbound").WithTags("Inbound").RequireAuthorization(Policies.ClusterAdmin);
        stats.MapGet("/stats", GetInboundStats);
        return stats;
    }

    public static async Task<Ok<ApiSuccess<InboundStats>>> GetInboundStats(IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundAdminGrain>(0).GetStatsAsync());
}
