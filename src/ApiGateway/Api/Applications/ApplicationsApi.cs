using System.Globalization;
using Akademia.Webhooks.ApiGateway.Api.Deliveries;
using Akademia.Webhooks.ApiGateway.Api.Endpoints;
using Akademia.Webhooks.ApiGateway.Api.Events;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Api.Applications;

/// <summary>
/// Applications at <c>/api/apps</c>, and each application's resources under <c>/api/apps/{appId}</c>:
/// its webhooks, its events, its deliveries and its dead letters, served by the same handlers as the
/// specification's routes (which act on the default application).
/// </summary>
internal static class ApplicationsApi
{
    /// <summary>The gateway's cache of which applications exist.</summary>
    public static WebApplicationBuilder AddApplications(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApplicationCache>();
        return builder;
    }

    /// <summary>Reading needs any role, changing an application admin; the resources keep their own policies.</summary>
    public static RouteGroupBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var apps = app.MapGroup("/api/apps").WithTags("Applications").RequireAuthorization(Policies.Read);
        apps.MapPost("/", CreateApplication).RequireAuthorization(Policies.ClusterAdmin)
            .WithMetadata(new DocumentedError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "the id is taken (also by a deleted application, or default)."));
        apps.MapGet("/", ListApplications);

        // Every route of one application answers 404 for an application that does not exist, was
        // deleted, or is outside the caller's scope: a scoped key cannot tell them apart.
        var one = apps.MapGroup("/{appId}").AddEndpointFilter(ApplicationScope.ExistingApplicationOnly);
        one.MapGet("/", GetApplication);
        one.MapPut("/", UpdateApplication).RequireAuthorization(Policies.Admin);
        one.MapDelete("/", DeleteApplication).RequireAuthorization(Policies.Admin)
            .WithMetadata(new DocumentedError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "the default application cannot be deleted."));
        one.MapGroup("/webhooks").WithTags("Webhooks").MapEndpointRoutes();
        one.MapGroup("/events").WithTags("Events").MapEventRoutes().AddEndpointFilter(WithinPublishBudget);
        one.MapGroup("/events").WithTags("Events").MapEventPayloadRoutes();
        one.MapGroup("/deliveries").WithTags("Deliveries").MapDeliveryRoutes();
        one.MapGroup("/dead-letters").WithTags("Dead letters").MapApplicationDeadLetterRoutes();
        return apps;
    }

    /// <summary>Create an application; without an id the platform chooses <c>app_…</c>.</summary>
    public static async Task<Created<ApiSuccess<Application>>> CreateApplication(CreateApplicationRequest body, IGrainFactory grains, ApplicationCache cache, HttpContext context)
    {
        // An empty key names no grain at all; every other bad id is the grain's to refuse with the rest.
        if (body.Id is { } given && string.IsNullOrWhiteSpace(given))
        {
            throw new ValidationFailedException(new() { ["id"] = "is required" });
        }

        var id = body.Id ?? ApplicationIds.New();
        var created = await grains.GetGrain<IApplicationGrain>(id).CreateAsync(new ApplicationDefinition
        {
            Name = body.Name ?? string.Empty,
            Metadata = body.Metadata,
            RateLimit = body.RateLimit,
            Retention = body.Retention,
        });
        cache.Remember(created);
        return Envelope.Created(context, $"/api/apps/{Uri.EscapeDataString(id)}", created);
    }

    /// <summary>Applications, oldest first, <c>default</c> first; limit ≤ 100 (default 20), cursor pages on.</summary>
    public static async Task<Ok<ApiSuccess<ApplicationPage>>> ListApplications(IGrainFactory grains, HttpContext context, string? limit, string? cursor)
    {
        // A scoped caller lists only its own application.
        if (ApplicationAccess.ScopeOf(context.User) is { } scope)
        {
            var own = await grains.GetGrain<IApplicationGrain>(scope).GetAsync();
            return Envelope.Ok(context, new ApplicationPage(own is null ? [] : [own], null));
        }

        return Envelope.Ok(context, await grains.GetGrain<IApplicationDirectoryGrain>(IApplicationDirectoryGrain.Key).ListAsync(QueryLimit.Parse(limit), cursor));
    }

    /// <summary>One application.</summary>
    public static async Task<Results<Ok<ApiSuccess<Application>>, JsonHttpResult<ApiError>>> GetApplication(string appId, ApplicationCache cache, HttpContext context) =>
        await cache.GetAsync(appId) is { } application
            ? Envelope.Ok(context, application)
            : Envelope.NotFound(context, $"Application '{appId}' not found.");

    /// <summary>Update an application: only the members present change; removeRateLimit drops the budget, removeRetention returns to the default retention.</summary>
    public static async Task<Ok<ApiSuccess<Application>>> UpdateApplication(string appId, UpdateApplicationRequest body, IGrainFactory grains, ApplicationCache cache, HttpContext context)
    {
        var updated = await grains.GetGrain<IApplicationGrain>(appId).UpdateAsync(new ApplicationPatch
        {
            Name = body.Name,
            Metadata = body.Metadata,
            RateLimit = body.RateLimit,
            RemoveRateLimit = body.RemoveRateLimit ?? false,
            Retention = body.Retention,
            RemoveRetention = body.RemoveRetention ?? false,
        });
        cache.Remember(updated);
        return Envelope.Ok(context, updated);
    }

    /// <summary>Delete an application (soft) and its endpoints; their pending deliveries end canceled.</summary>
    public static async Task<Ok<ApiSuccess<DeletedApplication>>> DeleteApplication(string appId, IGrainFactory grains, ApplicationCache cache, HttpContext context)
    {
        cache.Forget(appId);
        await grains.GetGrain<IApplicationGrain>(appId).DeleteAsync();
        cache.Forget(appId);
        return Envelope.Ok(context, new DeletedApplication(appId, Deleted: true));
    }

    /// <summary>
    /// An application's own budget (<see cref="Application.RateLimit"/>), over every caller and gateway:
    /// counted in the same shard grains as the tiers, so an application without one costs no call.
    /// </summary>
    private static async ValueTask<object?> WithinPublishBudget(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var services = context.RequestServices;
        var appId = ApplicationScope.Of(context);
        if (await services.GetRequiredService<ApplicationCache>().GetAsync(appId) is not { RateLimit: { } budget })
        {
            return await next(invocation);
        }

        var options = services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var bucket = $"application|{appId}";
        var decision = await services.GetRequiredService<IGrainFactory>()
            .GetGrain<IRateLimitShardGrain>(RateLimitMiddleware.ShardOf(bucket, options.Shards))
            .TryAcquireAsync(new RateLimitAcquire { Bucket = bucket, Tier = "application", Limit = budget.Limit, Window = budget.Window, Capacity = options.CountersPerShard });
        if (decision.Allowed)
        {
            return await next(invocation);
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - services.GetRequiredService<TimeProvider>().GetUtcNow()).TotalSeconds));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return Envelope.Error(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded,
            $"Application '{appId}' may publish {budget.Limit} events per {budget.Window.TotalSeconds:0} s. Retry after {retryAfter} s.");
    }
}
