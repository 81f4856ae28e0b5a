using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.Inbound;

/// <summary>The sources inbound webhooks are accepted from, with their secrets: admin only.</summary>
internal static class InboundSourcesApi
{
    public static RouteGroupBuilder MapInboundSourcesApi(this IEndpointRouteBuilder app)
    {
        var sources = app.MapGroup("/api/admin/sources").WithTags("Inbound").RequireAuthorization(Policies.ClusterAdmin);
        sources.MapPost("/", CreateSource);
        sources.MapGet("/", ListSources);
        sources.MapGet("/{id}", GetSource);
        sources.MapPut("/{id}", UpdateSource);
        sources.MapDelete("/{id}", DeleteSource);
        return sources;
    }

    public static async Task<Created<ApiSuccess<InboundSource>>> CreateSource(CreateSourceRequest body, IGrainFactory grains, HttpContext context)
    {
        if (!InboundSourceIds.IsValid(body.Id))
        {
            // The id is the grain's key: it must be valid before any grain is addressed.
            throw new ValidationFailedException(new() { ["id"] = string.IsNullOrEmpty(body.Id) ? "is required" : InboundSourceIds.Rule });
        }

        var source = await grains.GetGrain<IInboundSourceGrain>(body.Id).CreateAsync(new InboundSourceDefinition
        {
            Provider = body.Provider ?? string.Empty,
            Secret = body.Secret ?? string.Empty,
            PreviousSecrets = body.PreviousSecrets,
            RateLimitPerMinute = body.RateLimitPerMinute,
            MaxAttempts = body.MaxAttempts,
            EventTypePrefix = body.EventTypePrefix,
            SignatureHeader = body.SignatureHeader,
            ApplicationId = body.ApplicationId,
        });
        return Envelope.Created(context, $"/api/admin/sources/{source.Id}", source);
    }

    public static async Task<Ok<ApiSuccess<InboundSource[]>>> ListSources(IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundSourceDirectoryGrain>(IInboundSourceDirectoryGrain.Key).ListAsync());

    public static async Task<Results<Ok<ApiSuccess<InboundSource>>, JsonHttpResult<ApiError>>> GetSource(string id, IGrainFactory grains, HttpContext context) =>
        InboundSourceIds.IsValid(id) && await grains.GetGrain<IInboundSourceGrain>(id).GetAsync() is { } source
            ? Envelope.Ok(context, source)
            : Envelope.NotFound(context, $"Inbound source '{id}' not found.");

    public static async Task<Results<Ok<ApiSuccess<InboundSource>>, JsonHttpResult<ApiError>>> UpdateSource(string id, UpdateSourceRequest body, IGrainFactory grains, HttpContext context)
    {
        if (!InboundSourceIds.IsValid(id) || await grains.GetGrain<IInboundSourceGrain>(id).GetAsync() is not { } current)
        {
            return Envelope.NotFound(context, $"Inbound source '{id}' not found.");
        }

        if (body.Provider is not null && body.Provider != current.Provider)
        {
            throw new ValidationFailedException(new() { ["provider"] = "cannot be changed; create another source" });
        }

        return Envelope.Ok(context, await grains.GetGrain<IInboundSourceGrain>(id).UpdateAsync(new InboundSourcePatch
        {
            Secret = body.Secret,
            PreviousSecrets = body.PreviousSecrets,
            RateLimitPerMinute = body.RateLimitPerMinute,
            MaxAttempts = body.MaxAttempts,
            EventTypePrefix = body.EventTypePrefix,
            SignatureHeader = body.SignatureHeader,
        }));
    }

    public static async Task<Results<Ok<ApiSuccess<DeletedSource>>, JsonHttpResult<ApiError>>> DeleteSource(string id, IGrainFactory grains, HttpContext context)
    {
        if (!InboundSourceIds.IsValid(id))
        {
            return Envelope.NotFound(context, $"Inbound source '{id}' not found.");
        }

        await grains.GetGrain<IInboundSourceGrain>(id).DeleteAsync();
        return Envelope.Ok(context, new DeletedSource(id, Deleted: true));
    }
}
