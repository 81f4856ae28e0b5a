namespace Akademia.Webhooks.ApiGateway.Api.ApiKeys;

/// <summary>Body of <c>POST /api/admin/api-keys</c>.</summary>
public sealed record CreateApiKeyRequest(
    string? Name,
    string? Role,
    string? ApplicationId = null,
    DateTimeOffset? ExpiresAt = null);
