using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Monitoring;

/// <summary>What an admin watches: the integration monitor, and every endpoint's health.</summary>
internal static class MonitoringApi
{
    public static RouteGroupBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var monitoring = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        // The slash keeps the template, which is the http.route label of the request metrics, as it was.
        monitoring.MapGet("/monitor/", GetMonitor).RequireAuthorization(Policies.ClusterAdmin);
        monitoring.MapGet("/endpoints/health", ListEndpointHealth);
        return monitoring;
    }

    /// <summary>The integration monitor: events, deliveries, errors and rate limiting, cluster-wide.</summary>
    public static async Task<Ok<ApiSuccess<MonitorSnapshot>>> GetMonitor(IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IIntegrationMonitorGrain>(IIntegrationMonitorGrain.Key).GetAsync());

    /// <summary>
    /// The health of the endpoints of one application (applicationId, default when absent), a page of
    /// the endpoint list at a time (limit 1-100, default 100; nextCursor beside data), worst first within it.
    /// </summary>
    public static async Task<Ok<ApiListSuccess<EndpointHealth>>> ListEndpointHealth(IGrainFactory grains, HttpContext context, string? applicationId, string? limit, string? cursor)
    {
        var page = await grains.GetGrain<IEndpointDirectoryGrain>(ApplicationIds.Of(ApplicationAccess.ScopeOf(context.User) ?? applicationId))
            .ListHealthAsync(QueryLimit.Parse(limit, QueryLimit.WholeListDefault), cursor);
        return Envelope.OkList(context, page.Items, page.NextCursor);
    }
}
