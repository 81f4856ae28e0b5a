using Akademia.Webhooks.ApiGateway.Api.Applications;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.ApiKeys;

/// <summary>API keys managed through the API, at <c>/api/admin/api-keys</c>: an admin key that spans all applications only.</summary>
internal static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/admin/api-keys").WithTags("API keys").RequireAuthorization(Policies.ClusterAdmin);
        keys.MapPost("/", CreateApiKey);
        keys.MapGet("/", ListApiKeys);
        keys.MapGet("/{id}", GetApiKey);
        keys.MapDelete("/{id}", RevokeApiKey);
        return keys;
    }

    /// <summary>Create a key; the answer is the only one that shows it. Only its SHA-256 is stored.</summary>
    public static async Task<Created<ApiSuccess<CreatedApiKey>>> CreateApiKey(CreateApiKeyRequest body, IGrainFactory grains, ApplicationCache applications, HttpContext context)
    {
        if (body.ApplicationId is { } applicationId && await applications.GetAsync(applicationId) is null)
        {
            throw new ValidationFailedException(new() { ["applicationId"] = $"names no application: '{applicationId}'" });
        }

        var key = ApiKeyTokens.New();
        var digest = ApiKeyTokens.Digest(key);
        var id = ApiKeyTokens.IdOf(digest);
        var created = await grains.GetGrain<IApiKeyGrain>(id).CreateAsync(new ApiKeyDefinition
        {
            Name = body.Name ?? string.Empty,
            Role = body.Role ?? string.Empty,
            ApplicationId = body.ApplicationId,
            ExpiresAt = body.ExpiresAt,
            Digest = digest,
        });
        return Envelope.Created(context, $"/api/admin/api-keys/{id}",
            new CreatedApiKey(created.Id, key, created.Name, created.Role, created.ApplicationId, created.ExpiresAt, created.CreatedAt));
    }

    /// <summary>Keys newest first, without the key or its digest; limit ≤ 100 (default 20), cursor pages on.</summary>
    public static async Task<Ok<ApiSuccess<ApiKeyPage>>> ListApiKeys(IGrainFactory grains, HttpContext context, string? limit, string? cursor) =>
        Envelope.Ok(context, await grains.GetGrain<IApiKeyDirectoryGrain>(IApiKeyDirectoryGrain.Key).ListAsync(QueryLimit.Parse(limit), cursor));

    /// <summary>One key, revoked or not.</summary>
    public static async Task<Results<Ok<ApiSuccess<ApiKeyDetails>>, JsonHttpResult<ApiError>>> GetApiKey(string id, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IApiKeyGrain>(id).GetAsync() is { } key
            ? Envelope.Ok(context, key)
            : Envelope.NotFound(context, $"API key '{id}' not found.");

    /// <summary>
    /// Revoke a key for good. Every gateway refuses it within <c>AuthCache:MaxAge</c> (30 s by default),
    /// the age up to which a gateway reuses what it learnt about a key.
    /// </summary>
    public static async Task<Ok<ApiSuccess<ApiKeyDetails>>> RevokeApiKey(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IApiKeyGrain>(id).RevokeAsync());
}
