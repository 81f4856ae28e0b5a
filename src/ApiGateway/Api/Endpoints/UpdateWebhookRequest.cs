namespace Akademia.Webhooks.ApiGateway.Api.Endpoints;

/// <summary>Body of <c>PUT /api/webhooks/{id}</c>: only the members present change.</summary>
public sealed record UpdateWebhookRequest(
    string? Url,
    string[]? Events,
    bool? Active,
    string? Description,
    Dictionary<string, string>? Headers,
    RetryPolicy? RetryPolicy = null,
    string? FailoverUrl = null,
    EndpointSla? Sla = null,
    EndpointRateLimit? RateLimit = null,
    string? SignWith = null);
