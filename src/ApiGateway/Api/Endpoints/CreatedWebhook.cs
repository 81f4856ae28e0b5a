namespace Akademia.Webhooks.ApiGateway.Api.Endpoints;

/// <summary>An endpoint as created: the only response that carries its secret.</summary>
public sealed record CreatedWebhook(
    string Id,
    string Url,
    string[] Events,
    bool Active,
    string? Description,
    Dictionary<string, string> Headers,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Secret,
    RetryPolicy? RetryPolicy,
    string? FailoverUrl,
    EndpointSla? Sla,
    EndpointRateLimit? RateLimit);
