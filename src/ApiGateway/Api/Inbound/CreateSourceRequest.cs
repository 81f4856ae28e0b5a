namespace Akademia.Webhooks.ApiGateway.Api.Inbound;

/// <summary>Body of <c>POST /api/admin/sources</c>.</summary>
public sealed record CreateSourceRequest(
    string? Id,
    string? Provider,
    string? Secret,
    string[]? PreviousSecrets,
    int? RateLimitPerMinute,
    int? MaxAttempts,
    string? EventTypePrefix,
    string? SignatureHeader,
    string? ApplicationId = null);
