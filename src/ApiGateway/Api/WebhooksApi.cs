using System.Globalization;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api;

internal static class WebhooksApi
{
    private const int DefaultDeliveriesLimit = 20;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/webhooks").WithTags("Webhooks");
        group.MapPost("/", CreateWebhook).RequireAuthorization(Policies.Publish);
        group.MapGet("/", ListWebhooks).RequireAuthorization(Policies.Read);
        group.MapGet("/{id}", GetWebhook).RequireAuthorization(Policies.Read);
        group.MapPut("/{id}", UpdateWebhook).RequireAuthorization(Policies.Publish);
        group.MapDelete("/{id}", DeleteWebhook).RequireAuthorization(Policies.Publish);
        group.MapGet("/{id}/deliveries", ListWebhookDeliveries).RequireAuthorization(Policies.Read);
        group.MapGet("/{id}/health", GetWebhookHealth).RequireAuthorization(Policies.Read);
        group.MapPost("/{id}/enable", EnableWebhook).RequireAuthorization(Policies.Publish);
        group.MapPost("/{id}/rotate-secret", RotateWebhookSecret).RequireAuthorization(Policies.Publish)
            .WithMetadata(new DocumentedError(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "10 previous secrets are still in their rotation window."));
        group.MapPost("/{id}/test", TestWebhook).RequireAuthorization(Policies.Publish).WithRequestTimeout(RequestTimeoutPolicies.TestRoute);
        return routes;
    }

    /// <summary>Create an endpoint; the answer is the only one that shows its signing secret.</summary>
    public static async Task<Created<ApiSuccess<CreatedWebhook>>> CreateWebhook(CreateWebhookRequest body, IGrainFactory grains, HttpContext context)
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
        });
        var e = created.Endpoint;
        return Envelope.Created(context, $"/api/webhooks/{id}",
            new CreatedWebhook(e.Id, e.Url, e.Events, e.Active, e.Description, e.Headers, e.CreatedAt, e.UpdatedAt, created.Secret, e.RetryPolicy, e.FailoverUrl, e.Sla, e.RateLimit));
    }

    /// <summary>List endpoints, oldest first, without secrets.</summary>
    public static async Task<Ok<ApiSuccess<EndpointDetails[]>>> ListWebhooks(IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointDirectoryGrain>(IEndpointDirectoryGrain.Key).ListAsync());

    /// <summary>One endpoint, with its URL's circuit breaker state.</summary>
    public static async Task<Results<Ok<ApiSuccess<EndpointDetails>>, JsonHttpResult<ApiError>>> GetWebhook(string id, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IEndpointGrain>(id).GetAsync() is { } endpoint
            ? Envelope.Ok(context, endpoint)
            : Envelope.NotFound(context, $"Endpoint '{id}' not found.");

    /// <summary>Update an endpoint: only the members present change.</summary>
    public static async Task<Ok<ApiSuccess<EndpointDetails>>> UpdateWebhook(string id, UpdateWebhookRequest body, IGrainFactory grains, HttpContext context) =>
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
    public static async Task<Ok<ApiSuccess<DeletedWebhook>>> DeleteWebhook(string id, IGrainFactory grains, HttpContext context)
    {
        await grains.GetGrain<IEndpointGrain>(id).DeleteAsync();
        return Envelope.Ok(context, new DeletedWebhook(id, Deleted: true));
    }

    /// <summary>The endpoint's health score, SLA compliance and breaker state over its recent attempts.</summary>
    public static async Task<Ok<ApiSuccess<EndpointHealth>>> GetWebhookHealth(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).GetHealthAsync());

    /// <summary>Re-enable an endpoint, also one the platform disabled; its pending deliveries resume.</summary>
    public static async Task<Ok<ApiSuccess<EndpointDetails>>> EnableWebhook(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).EnableAsync());

    /// <summary>Replace the signing secret; the previous one keeps signing for the rotation window (optionally also X-Webhook-Signature: signWith).</summary>
    public static async Task<Ok<ApiSuccess<RotatedSecret>>> RotateWebhookSecret(string id, RotateSecretRequest? body, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).RotateSecretAsync(new SecretRotation { SignWith = body?.SignWith }));

    /// <summary>Send a webhook.test event to this endpoint only, with up to 4 attempts.</summary>
    public static async Task<Ok<ApiSuccess<EndpointTestResult>>> TestWebhook(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).TestAsync());

    /// <summary>The endpoint's deliveries, newest first; limit ≤ 100 (default 20), cursor pages on.</summary>
    // The limit is parsed here rather than bound as int?, so that a non-numeric value is reported
    // against "limit" like an out-of-range one, instead of as an unreadable body.
    public static async Task<Ok<ApiSuccess<DeliveryPage>>> ListWebhookDeliveries(string id, IGrainFactory grains, HttpContext context, string? limit, string? cursor)
    {
        var pageSize = DefaultDeliveriesLimit;
        if (!string.IsNullOrEmpty(limit) && !int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out pageSize))
        {
            throw new ValidationFailedException(new() { ["limit"] = "must be an integer between 1 and 100" });
        }

        return Envelope.Ok(context, await grains.GetGrain<IEndpointGrain>(id).ListDeliveriesAsync(pageSize, cursor));
    }
}
