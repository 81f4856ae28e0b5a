namespace Akademia.Webhooks.ApiGateway.Api.Applications;

/// <summary>Body of <c>PUT /api/apps/{appId}</c>: only the members present change.</summary>
public sealed record UpdateApplicationRequest(
    string? Name,
    Dictionary<string, string>? Metadata = null,
    ApplicationRateLimit? RateLimit = null,
    bool? RemoveRateLimit = null,
    TimeSpan? Retention = null,
    bool? RemoveRetention = null);
