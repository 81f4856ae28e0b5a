namespace Akademia.Webhooks.ApiGateway.Api.Endpoints;

/// <summary>Body of <c>POST /api/webhooks</c>.</summary>
public sealed record CreateWebhookRequest(
    string? Url,
    string[]? Events,
    bool? Active,
    string? Description,
    Dictionary<string, string>? Headers,
    string? Secret,
    RetryPolicy? RetryPolicy = null,
    string? FailoverUrl = null,
    EndpointSla? Sla = null,
    EndpointRateLimit? RateLimit = null);
