using Akademia.Webhooks.ApiGateway.Api.Applications;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Endpoints;

/// <summary>
/// Endpoints, at <c>/api/webhooks</c> as the specification names them (the default application's),
/// and at <c>/api/apps/{appId}/webhooks</c> with the same handlers (<see cref="ApplicationScope"/>).
/// </summary>
internal static class EndpointsApi
{
    /// <summary>Every route needs a key that may read; those that change an endpoint also need one that may publish.</summary>
    public static RouteGroupBuilder MapEndpointsApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/webhooks").WithTags("Webhooks").AddEndpointFilter(ApplicationScope.DefaultApplicationOnly).MapEndpointRoutes();

    /// <summary>The endpoint routes on <paramref name="endpoints"/>, for the route's application.</summary>
    public static RouteGroupBuilder MapEndpointRoutes(this RouteGroupBuilder endpoints)
    {
        endpoints.RequireAuthorization(Policies.Read);
        endpoints.MapPost("/", CreateEndpoint).RequireAuthorization(Policies.ManageEndpoints);
        endpoints.MapGet("/", ListEndpoints);
        endpoints.MapGet("/{id}", GetEndpoint).OwnEndpointOnly();
        endpoints.MapPut("/{id}", UpdateEndpoint).RequireAuthorization(Policies.ManageEndpoints).OwnEndpointOnly();
        endpoints.MapDelete("/{id}", DeleteEndpoint).RequireAuthorization(Policies.ManageEndpoints).OwnEndpointOnly();
        endpoints.MapGet("/{id}/deliveries", ListEndpointDeliveries).OwnEndpointOnly();
        endpoints.MapGet("/{id}/health", GetEndpointHealth).OwnEndpointOnly();
        endpoints.MapPost("/{id}/enable", EnableEndpoint).RequireAuthorization(Policies.ManageEndpoints).OwnEndpointOnly();
        endpoints.MapPost("/{id}/rotate-secret", RotateEndpointSecret).RequireAuthorization(Policies.ManageEndpoints).OwnEndpointOnly()
            .WithMetadata(new DocumentedError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "10 previous secrets are still in their rotation window."));
        endpoints.MapPost("/{id}/test", TestEndpoint).RequireAuthorization(Policies.ManageEndpoints).OwnEndpointOnly().WithRequestTimeout(RequestTimeoutPolicies.TestRoute);
        return endpoints;
    }

    /// <summary>
    /// An endpoint of another application than the route's (or than the caller's scope) answers 404, as
    /// if it did not exist; one that does not exist is left to the handler, which answers 404 itself.
    /// </summary>
    private static RouteHandlerBuilder OwnEndpointOnly(this RouteHandlerBuilder route) => route.AddEndpointFilter(async (invocation, next) =>
    {
        var context = invocation.HttpContext;
        if (context.Request.RouteValues["id"] is string id
            && await context.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IEndpointGrain>(id).GetApplicationIdAsync() is { } owner
            && !ApplicationScope.Owns(context, owner))
        {
            return Envelope.NotFound(context, $"Endpoint '{id}' not found.");
        }

        return await next(invocation);
    });

    /// <summary>Create an endpoint; the answer is the only one that shows its signing secret.</summary>
    public static async Task<Created<ApiSuccess<CreatedWebhook>>> CreateEndpoint(CreateWebhookRequest body, IGrainFactory grains, HttpContext context)
    {
        var id = PlatformIds.NewEndpointId();
        var created = await grains.GetGrain<IEndpointGrain>(id).CreateAsync(new EndpointDefinition
        {
            Url = body.Url ?? string.Empty,
            Events = body.Events ?? [],
            Active = body.Active ?? true,
            Description = body.Description,
            Headers = body.Headers,
            Secret = body.Secret,
            RetryPolicy = body.RetryPolicy,
            FailoverUrl = body.FailoverUrl,
            Sla = body.Sla,
            RateLimit = body.RateLimit,
            ApplicationId = ApplicationScope.Of(context),
        });
        var e = created.Endpoint;
        return Envelope.Created(context, ApplicationScope.Location(context, $"webhooks/{id}"),
            new CreatedWebhook(e.Id, e.Url, e.Events, e.Active, e.Description, e.Headers, e.CreatedAt, e.UpdatedAt, created.Secret, e.RetryPolicy, e.FailoverUrl, e.Sla, e.RateLimit));
    }

    /// <summary>List endpoints, oldest first, without secrets: limit 1-100 (default 100), nextCursor beside data pages on.</summary>
    public static async Task<Ok<ApiListSuccess<EndpointDetails>>> ListEndpoints(IGrainFactory grains, HttpContext context, string? limit, string? cursor)
    {
        var page = await grains.GetGrain<IEndpointDirectoryGrain>(ApplicationScope.Of(context)).ListAsync(QueryLimit.Parse(limit, QueryLimit.WholeListDefault), cursor);
        return Envelope.OkList(context, page.Items, page.NextCursor);
    }

    /// <summary>One endpoint, with its URL's circuit breaker state.</summary>
    public static async Task<Results<Ok<ApiSuccess<EndpointDetails>>, JsonHttpResult<ApiError>>> GetEndpoint(string id, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IEndpointGrain>(id).GetAsync() is { } endpoint
            ? Envelope.Ok(context, endpoint)
            : Envelope.NotFound(context, $"Endpoint '{id}' not found.");

    /// <summary>Update an endpoint: only the members present change.</summary>
    public static async Task<Ok<ApiSuccess<EndpointDetails>>> UpdateEndpoint(string id, UpdateWebhookRequest body, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).UpdateAsync(new EndpointPatch
        {
            Url = body.Url,
            Events = body.Events,
            Active = body.Active,
            Description = body.Description,
            Headers = body.Headers,
            RetryPolicy = body.RetryPolicy,
            FailoverUrl = body.FailoverUrl,
            Sla = body.Sla,
            RateLimit = body.RateLimit,
            SignWith = body.SignWith,
        }));

    /// <summary>Delete an endpoint (soft): no more deliveries; pending ones end canceled.</summary>
    public static async Task<Ok<ApiSuccess<DeletedWebhook>>> DeleteEndpoint(string id, IGrainFactory grains, HttpContext context)
    {
        await grains.GetGrain<IEndpointGrain>(id).DeleteAsync();
        return Envelope.Ok(context, new DeletedWebhook(id, Deleted: true));
    }

    /// <summary>The endpoint's health score, SLA compliance and breaker state over its recent attempts.</summary>
    public static async Task<Ok<ApiSuccess<EndpointHealth>>> GetEndpointHealth(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).GetHealthAsync());

    /// <summary>Re-enable an endpoint, also one the platform disabled; its pending deliveries resume.</summary>
    public static async Task<Ok<ApiSuccess<EndpointDetails>>> EnableEndpoint(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).EnableAsync());

    /// <summary>Replace the signing secret; the previous one keeps signing for the rotation window (optionally also X-Webhook-Signature: signWith).</summary>
    public static async Task<Ok<ApiSuccess<RotatedSecret>>> RotateEndpointSecret(string id, RotateSecretRequest? body, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).RotateSecretAsync(new SecretRotation { SignWith = body?.SignWith }));

    /// <summary>Send a webhook.test event to this endpoint only, with up to 4 attempts.</summary>
    public static async Task<Ok<ApiSuccess<EndpointTestResult>>> TestEndpoint(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).TestAsync());

    /// <summary>The endpoint's deliveries, newest first; limit ≤ 100 (default 20), cursor pages on.</summary>
    public static async Task<Ok<ApiSuccess<DeliveryPage>>> ListEndpointDeliveries(string id, IGrainFactory grains, HttpContext context, string? limit, string? cursor) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).ListDeliveriesAsync(QueryLimit.Parse(limit), cursor));
}
