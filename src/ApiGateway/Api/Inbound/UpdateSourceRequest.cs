namespace Akademia.Webhooks.ApiGateway.Api.Inbound;

/// <summary>Body of <c>PUT /api/admin/sources/{id}</c>: only the members present change; the provider cannot.</summary>
public sealed record UpdateSourceRequest(
    string? Provider,
    string? Secret,
    string[]? PreviousSecrets,
    int? RateLimitPerMinute,
    int? MaxAttempts,
    string? EventTypePrefix,
    string? SignatureHeader);
