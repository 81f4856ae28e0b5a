namespace Akademia.Webhooks.ApiGateway.Api.ApiKeys;

/// <summary>A key as created: the only answer that carries the key itself.</summary>
public sealed record CreatedApiKey(
    string Id,
    string Key,
    string Name,
    string Role,
    string? ApplicationId,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt);
